using Sagewright.Cli;
using Sagewright.Cli.Output;

namespace Sagewright.Cli.Tests.Infrastructure;

/// <summary>Runs <c>sagewright</c> in-process with captured output.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}--- stderr\n{Stderr}";
    }

    /// <summary>Runs in <paramref name="workingDirectory"/>, as when stdout is redirected (no colour).</summary>
    public static Result Run(string workingDirectory, params string[] args) =>
        Run(new CliEnvironment(workingDirectory, StdoutIsTerminal: false, NoColor: null, Term: null), args);

    public static Result Run(CliEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, stdout, stderr, environment);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>A temporary folder, deleted at the end of the test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("sagewright-cli-").FullName;
    }

    public string Path { get; }

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        return full;
    }

    public void Dispose()
    {
        try
        {
            // git makes its object files read-only.
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
