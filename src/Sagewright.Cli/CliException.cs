using System;

namespace Sagewright.Cli;

/// <summary>A user error (bad argument, missing file, invalid JSON, not a policy): printed as one
/// message without a stack trace, exit code 2.</summary>
public sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The exit codes every command uses.</summary>
public static class ExitCodes
{
    /// <summary>No change, or only narrowing changes; explain succeeded.</summary>
    public const int Success = 0;

    /// <summary><c>policy diff</c> found a widening change (and <c>--allow-widening</c> was not given).</summary>
    public const int Widening = 1;

    /// <summary>Bad usage, a missing or unreadable input, invalid JSON, or a file that is not a policy.</summary>
    public const int Error = 2;
}
