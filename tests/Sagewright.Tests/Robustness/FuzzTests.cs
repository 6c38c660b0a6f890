using Sagewright.Fuzz;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Robustness;

/// <summary>A short run of the fuzzer (tests/Sagewright.Fuzz, docs/fuzzing.md) with a fixed seed: mutated samples and
/// test snippets must not make the generator or an analyzer throw or hang, must generate the same text in any order,
/// and must never generate code that does not compile.</summary>
public class FuzzTests
{
    [Fact]
    public void Short_fuzz_run_finds_nothing()
    {
        var output = new StringWriter();
        var report = new Fuzzer(new FuzzOptions
        {
            Seed = 20261207,
            Count = 1500,
            TimeLimit = TimeSpan.FromSeconds(75),
            InputTimeout = TimeSpan.FromSeconds(60),
            RepositoryRoot = Paths.RepoRoot,
        }, output).Run();
        Assert.True(report.Inputs >= 10, report.Summary()); // a loaded machine gets through fewer in the time limit
        Assert.True(report.Findings.Count == 0, report.Summary() + "\n" + output);
    }
}

/// <summary>The long fuzz run's four "order-dependent" inputs (a <c>file</c>-local class named like a public partial
/// class split over two files): the C# compiler itself merges those declarations by file order, so its own errors,
/// and the symbols the generator reads, differ between the orders. The fuzzer counts such inputs apart instead of
/// reporting them; these tests pin the cause, so a Roslyn that stops doing it turns them back into findings.</summary>
public class CompilerOrderDependenceTests
{
    private static readonly (string Path, string Text)[] FileLocalPipeline =
    [
        ("/src/project/File0.cs", """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo;

            [Pipeline("Demo")]
            file static partial class Demo;
            """),
        ("/src/project/Split.cs", """
            using Sagewright;

            [Tag("team", "ml")]
            public static partial class Demo
            {
            }
            """),
    ];

    private static readonly (string Path, string Text)[] FileLocalConstants =
    [
        ("/src/project/File0.cs", """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo;

            public static partial class Images
            {
                public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """),
        ("/src/project/Split.cs", """
            public static partial class Images
            {
                public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
            }

            file static partial class Images
            {
                public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
            }
            """),
    ];

    public static TheoryData<string> Inputs => new() { nameof(FileLocalPipeline), nameof(FileLocalConstants) };

    private static (string Path, string Text)[] Input(string name) => name == nameof(FileLocalPipeline) ? FileLocalPipeline : FileLocalConstants;

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_csharp_compiler_binds_these_inputs_differently_by_file_order(string name)
    {
        var files = Input(name);
        var forward = Fuzzer.CompilerErrors(TestProject.Compilation(files));
        var reversed = Fuzzer.CompilerErrors(TestProject.Compilation(files.Reverse().ToArray()));
        Assert.Contains("CS9071", forward + reversed, StringComparison.Ordinal); // "already contains a definition … in this file" in one order only
        Assert.NotEqual(forward, reversed);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_fuzzer_counts_them_apart_instead_of_reporting_a_finding(string name)
    {
        var report = new FuzzReport();
        var findings = new Fuzzer(new FuzzOptions(), TextWriter.Null).Check(Input(name), "test", report).ToList();
        Assert.Empty(findings);
        Assert.Equal(1, report.CompilerOrderDependent);
    }
}
