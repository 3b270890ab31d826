[assembly: System.CLSCompliant(false)]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Coffer.Crypto.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Coffer.Bench")]
