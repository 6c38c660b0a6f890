using System;
using System.IO;
using Spectre.Console;

namespace Sagewright.Cli.Output;

public enum Tone
{
    Plain,
    Heading,
    Added,
    Removed,
    Widening,
    Muted,
}

/// <summary>Where text-format output goes: plain text, or the same text coloured through Spectre.Console
/// when stdout is a terminal and colour is not turned off. The words are identical either way; only ANSI
/// colour codes are added, so nothing depends on colour to be understood. Control characters in the text
/// (from the input: an ANSI escape in a Sid, a line break in a resource) are written as escapes
/// (<see cref="ControlCharacters"/>); line ends come only from <see cref="WriteLine()"/>.</summary>
public abstract class StyledOutput
{
    public abstract void Write(string text, Tone tone = Tone.Plain);

    public abstract void WriteLine();

    public void WriteLine(string text, Tone tone = Tone.Plain)
    {
        Write(text, tone);
        WriteLine();
    }

    public static StyledOutput Create(TextWriter writer, bool color) => color ? new AnsiOutput(writer) : new PlainOutput(writer);

    private sealed class PlainOutput(TextWriter writer) : StyledOutput
    {
        public override void Write(string text, Tone tone = Tone.Plain) => writer.Write(ControlCharacters.Escape(text));

        public override void WriteLine() => writer.Write('\n');
    }

    private sealed class AnsiOutput : StyledOutput
    {
        private readonly IAnsiConsole _console;
        private readonly TextWriter _writer;

        public AnsiOutput(TextWriter writer)
        {
            _writer = writer;
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Yes,
                ColorSystem = ColorSystemSupport.Standard,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(writer),
            });

            // Long ARNs are not re-wrapped by Spectre: the terminal wraps them, and the words stay the
            // same as in plain output.
            _console.Profile.Width = 100_000;
        }

        public override void Write(string text, Tone tone = Tone.Plain)
        {
            if (text.Length == 0)
            {
                return;
            }

            _console.Write(new Text(ControlCharacters.Escape(text), tone switch
            {
                Tone.Heading => new Style(decoration: Decoration.Bold),
                Tone.Added => new Style(Color.Green),
                Tone.Removed => new Style(Color.Red),
                Tone.Widening => new Style(Color.Yellow, decoration: Decoration.Bold),
                Tone.Muted => new Style(decoration: Decoration.Dim),
                _ => Style.Plain,
            }));
        }

        // Spectre writes straight through to the writer, so the line end can too: "\n" on every OS, as in plain output.
        public override void WriteLine() => _writer.Write('\n');
    }
}

/// <summary>Facts about where the command runs, gathered once in <c>Main</c> so tests can state them.</summary>
/// <param name="WorkingDirectory">Relative paths and <c>REV:path</c> resolve against it.</param>
/// <param name="StdoutIsTerminal">True only for the real console, not redirected.</param>
/// <param name="NoColor">The <c>NO_COLOR</c> environment variable: any non-empty value turns colour off.</param>
/// <param name="Term">The <c>TERM</c> environment variable: <c>dumb</c> turns colour off.</param>
public sealed record CliEnvironment(string WorkingDirectory, bool StdoutIsTerminal, string? NoColor, string? Term)
{
    /// <summary>Colour only on an interactive terminal, never when <c>NO_COLOR</c> is set (see no-color.org)
    /// or <c>TERM=dumb</c>, and never in markdown or JSON output.</summary>
    public bool UseColor => StdoutIsTerminal && string.IsNullOrEmpty(NoColor) && !string.Equals(Term, "dumb", StringComparison.Ordinal);

    /// <summary>The <c>PATH</c> git is looked up in (its absolute entries only); null means the process's own.</summary>
    public string? SearchPath { get; init; }

    /// <summary>Retry and polling timing for the AWS commands (the tests shorten it).</summary>
    public Aws.AwsTuning AwsTuning { get; init; } = Aws.AwsTuning.Default;

    /// <summary>Where a confirmation is read from when <see cref="CanPrompt"/>: the console's input.</summary>
    public TextReader? Input { get; init; }

    /// <summary>Both stdin and stdout are a terminal: deploy may ask before a widening change.</summary>
    public bool CanPrompt { get; init; }

    public static CliEnvironment Current(TextWriter stdout) => new(
        Environment.CurrentDirectory,
        ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable("NO_COLOR"),
        Environment.GetEnvironmentVariable("TERM"))
    {
        SearchPath = Environment.GetEnvironmentVariable("PATH"),
        Input = Console.In,
        CanPrompt = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !Console.IsInputRedirected,
    };
}
