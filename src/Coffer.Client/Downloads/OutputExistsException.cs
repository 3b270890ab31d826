namespace Coffer.Client.Downloads;

/// <summary>The download's output file exists and overwriting was not allowed; each client names its own way to allow it.</summary>
public sealed class OutputExistsException : IOException
{
    public OutputExistsException(string path)
        : base($"{path} exists; choose another output or allow overwriting.") => OutputPath = path;

    public OutputExistsException()
        : this(string.Empty)
    {
    }

    public OutputExistsException(string message, Exception innerException)
        : base(message, innerException) => OutputPath = string.Empty;

    public string OutputPath { get; }
}
