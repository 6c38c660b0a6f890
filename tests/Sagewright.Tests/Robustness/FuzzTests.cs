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
