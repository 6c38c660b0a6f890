using Microsoft.CodeAnalysis;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>Test sources compile against a framework's reference assemblies (Basic.Reference.Assemblies), not against
/// the test host's runtime; a pipeline compiles the same for a .NET 8 project and a .NET Standard 2.0 library.</summary>
public class TargetFrameworkTests
{
    public static TheoryData<string, ReferenceFramework> SamplesByFramework()
    {
        var data = new TheoryData<string, ReferenceFramework>();
        foreach (var sample in Samples.Names)
        {
            data.Add(sample, ReferenceFramework.Net80);
            data.Add(sample, ReferenceFramework.NetStandard20);
        }

        return data;
    }

    [Fact]
    public void Test_compilations_reference_the_frameworks_reference_assemblies()
    {
        Assert.Contains("System.Runtime.dll", TargetReferences.Names(ReferenceFramework.Net80));
        Assert.Contains("netstandard.dll", TargetReferences.Names(ReferenceFramework.NetStandard20));
        Assert.Contains("System.Text.Json.dll", TargetReferences.Names(ReferenceFramework.Net80));
        Assert.DoesNotContain("System.Text.Json.dll", TargetReferences.Names(ReferenceFramework.NetStandard20));

        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var compilation = TestProject.Compilation("public class C;");
        Assert.DoesNotContain(compilation.References, r => r.Display!.StartsWith(runtime, StringComparison.Ordinal));
        Assert.Equal(TestProject.References(ReferenceFramework.Net80), compilation.References);
    }

    [Theory]
    [MemberData(nameof(SamplesByFramework))]
    public void A_sample_compiles_to_the_same_files_for_each_framework(string sample, ReferenceFramework framework)
    {
        var options = Samples.Options(sample);
        var output = TestProject.Generate(TestProject.Compilation(framework, Samples.Sources(sample)), options);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(TestProject.Analyze(output.Compilation, options).Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var files = output.Files();
        Assert.Contains(files.Keys, f => f.EndsWith("/pipeline.json", StringComparison.Ordinal));
        Assert.Equal(Samples.Generate(sample).Files(), files);
    }

    [Theory]
    [InlineData(ReferenceFramework.Net80)]
    [InlineData(ReferenceFramework.NetStandard20)]
    public void A_pipeline_in_a_file_with_framework_usings_compiles_for_each_framework(ReferenceFramework framework)
    {
        var source = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Runtime.InteropServices;\n"
            + Flow.FlowGeneratorTests.Pipeline;
        var output = TestProject.Generate(TestProject.Compilation(framework, source));
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(TestProject.Generate(Flow.FlowGeneratorTests.Pipeline).Definition(), output.Definition());
    }
}
