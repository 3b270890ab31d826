// One real server process is shared by the end-to-end tests; they run one after the other so uploads in flight can be counted.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.CLSCompliant(false)]
