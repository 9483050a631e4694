namespace AotAuth.Gateway.Templates;

/// <summary>A template that cannot be read: the message is one line naming the file and what is wrong.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>.</summary>
    public TemplateException(string file, string problem)
        : base($"{file}: {problem}")
    {
    }

    /// <summary>Creates an error without a file (required by the exception pattern).</summary>
    public TemplateException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public TemplateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and its cause.</summary>
    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
