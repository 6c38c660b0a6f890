using Microsoft.CodeAnalysis;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Flow;

/// <summary><c>[IsIn]</c> is the membership condition; its former name <c>[In]</c> collides with
/// <c>System.Runtime.InteropServices.InAttribute</c> and is kept, obsolete, for one release.</summary>
public class IsInConditionTests
{
    private const string Interop = "using System.Runtime.InteropServices;\n";

    private static string WithIn => FlowGeneratorTests.Pipeline.Replace("[IsIn(", "[In(", StringComparison.Ordinal);

    [Fact]
    public void IsIn_compiles_in_a_file_that_also_imports_System_Runtime_InteropServices()
    {
        Assert.Contains("[IsIn(", FlowGeneratorTests.Pipeline, StringComparison.Ordinal);
        var output = TestProject.Generate(Interop + FlowGeneratorTests.Pipeline);
        Assert.Empty(output.Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(TestProject.Generate(FlowGeneratorTests.Pipeline).Definition(), output.Definition());
        Assert.Empty(TestProject.Analyze(output.Compilation).Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void In_is_ambiguous_there_which_is_why_IsIn_exists()
    {
        var compilation = TestProject.Compilation(Interop + WithIn);
        Assert.Contains(compilation.GetDiagnostics(), d => d.Id == "CS0104" && d.GetMessage().Contains("'In'", StringComparison.Ordinal));
    }

    [Fact]
    public void In_still_works_the_same_and_is_reported_obsolete()
    {
        var output = TestProject.Generate(WithIn);
        Assert.Equal(TestProject.Generate(FlowGeneratorTests.Pipeline).Definition(), output.Definition());
        var obsolete = Assert.Single(output.Compilation.GetDiagnostics(), d => d.Id == "CS0618");
        Assert.Equal(DiagnosticSeverity.Warning, obsolete.Severity);
        Assert.Contains("Use [IsIn]", obsolete.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(TestProject.Analyze(output.Compilation).Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
