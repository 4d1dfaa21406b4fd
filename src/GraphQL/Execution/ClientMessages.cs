using System.Text.RegularExpressions;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// The words of an exception as a client may read them. .NET appends the parameter name to an
/// <see cref="ArgumentException"/>'s message (" (Parameter 'cursor')") and the actual value to an
/// <see cref="ArgumentOutOfRangeException"/>'s ("Actual value was 5."): names of the server's code, not
/// of the request, so they are cut. Other exceptions keep their message.
/// </summary>
public static partial class ClientMessages
{
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ArgumentException ? WithoutParameter(exception.Message) : exception.Message;
    }

    /// <summary>
    /// <paramref name="message"/> without the parameter suffix .NET adds to argument exceptions; also for
    /// messages that crossed a process boundary as text (the exception's ParamName is then gone).
    /// </summary>
    public static string WithoutParameter(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ParameterSuffix().Replace(message, "");
    }

    [GeneratedRegex(@"(?: \(Parameter '[^'\r\n]*'\))?(?:\r?\nActual value was [^\r\n]*)?$")]
    private static partial Regex ParameterSuffix();
}
