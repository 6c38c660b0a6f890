using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Sagewright.Compiler.Analyzers;
using Sagewright.Compiler.Generator;
using Sagewright.Model.Validation;
using Sagewright.Tests.Infrastructure;
using ReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies;

namespace Sagewright.CodeFixes.Tests.Infrastructure;

/// <summary>Microsoft.CodeAnalysis.Testing's tests, set up for Sagewright: the same references as
/// <see cref="TestProject"/> (its framework reference assemblies, never a download at test time) and the MSBuild
/// properties a project sets, as a global .editorconfig.</summary>
internal static class OfficialTests
{
    /// <summary>No reference-assembly package: the test state's additional references are all there is.</summary>
    public static ReferenceAssemblies NoPackage { get; } = new("net8.0");

    public const string GlobalConfig = """
        is_global = true
        build_property.SagewrightAccountId = 123456789012
        build_property.SagewrightRegion = us-east-1
        build_property.MSBuildProjectDirectory = /0

        """;

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(TestProject.References());
        state.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig));
    }

    /// <summary>Every rule ID but the given ones, to disable in a test that is about those.</summary>
    public static IEnumerable<string> AllRulesBut(params string[] ids) =>
        typeof(RuleIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Except(ids, StringComparer.Ordinal);
}

/// <summary>The official code-fix test for one rule of <see cref="PipelineAnalyzer"/>: checks the fix one diagnostic
/// at a time, and Fix All in document, project and solution with the given numbers of iterations.</summary>
internal sealed class RuleFixTest : CSharpCodeFixTest<PipelineAnalyzer, SagewrightCodeFixProvider, DefaultVerifier>
{
    public RuleFixTest(string id)
    {
        ReferenceAssemblies = OfficialTests.NoPackage;
        OfficialTests.Configure(TestState);
        DisabledDiagnostics.AddRange(OfficialTests.AllRulesBut(id));
        CodeActionEquivalenceKey = SagewrightCodeFixProvider.EquivalenceKey(id);
    }
}

/// <summary>The official source-generator test of <see cref="PipelineGenerator"/>: checks the generated sources
/// by hint name and text, and that the compilation with them has no compiler error.</summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<PipelineGenerator, DefaultVerifier>
{
    public GeneratorTest()
    {
        ReferenceAssemblies = OfficialTests.NoPackage;
        OfficialTests.Configure(TestState);
    }
}
