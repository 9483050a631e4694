using AotAuth.Storage;

namespace AotAuth.Cli.Commands;

/// <summary>How every command ends on an error the user can act on: one line on stderr, exit code 1.</summary>
internal static class CommandErrors
{
    /// <summary>Runs a command body: a clear one-line error and exit code 1 instead of a stack trace.</summary>
    public static async Task<int> Run(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or AotAuth.Gateway.Templates.TemplateException or DynamoDbException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            Console.Error.WriteLine("aotauth: " + ex.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }
}
