using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Sagewright.CodeFixes.Tests.Infrastructure;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;
using static Sagewright.CodeFixes.Tests.Infrastructure.TestAnalyzer;

namespace Sagewright.CodeFixes.Tests;

/// <summary>Malformed properties and locations that do not map to what the plan edits get no action,
/// and nothing throws.</summary>
public class NoFixTests
{
    private const string Source = Src.Demo + """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [{|SGW101:Spot(MaxRunSeconds = 3600)|}]
        public sealed class Train;
        """;

    private static TestAnalyzer On(params (string Key, string? Value)[] properties) =>
        new() { Id = "SGW101", AttributeName = "Spot", Properties = Fix(properties) };

    public static TheoryData<string, string?, string?> MalformedProperties => new()
    {
        // key, value, title ("" = none)
        { "fix.set.MaxWaitSeconds", "7200", null }, // no title
        { "fix.set.MaxWaitSeconds", "7200", "  " }, // blank title
        { "fix.other", "7200", "Fix it" }, // no operation
        { "fix.set.MaxWaitSeconds", "3600 +", "Fix it" }, // not an expression
        { "fix.set.MaxWaitSeconds", "3600 3600", "Fix it" }, // more than an expression
        { "fix.set.MaxWaitSeconds", "", "Fix it" },
        { "fix.set.MaxWaitSeconds", null, "Fix it" },
        { "fix.set.Max Wait", "7200", "Fix it" }, // not an identifier
        { "fix.set.", "7200", "Fix it" },
        { "fix.replace", "\"unterminated", "Fix it" },
        { "fix.addAttributes", "Tag(\"team\", \"TODO\")", "Fix it" }, // no brackets
        { "fix.addAttributes", "[Tag(\"team\", \"TODO\")] [Tag(\"env\", \"TODO\")]", "Fix it" }, // two lists on a line
        { "fix.addAttributes", "[assembly: Tag(\"team\", \"TODO\")]", "Fix it" },
        { "fix.addAttributes", "[Tag(\"team\", \"TODO\")] public", "Fix it" },
        { "fix.addAttributes", "[Tag(\"team\", \"TODO\")\n[Tag(\"env\", \"TODO\")]", "Fix it" }, // one bad line spoils the plan
        { "fix.addAttributes", "\n \n", "Fix it" }, // nothing to add
    };

    [Theory]
    [MemberData(nameof(MalformedProperties))]
    public void Malformed_properties_get_no_action(string key, string? value, string? title)
    {
        var properties = new List<(string, string?)> { (key, value) };
        if (title is not null)
        {
            properties.Add(("fix.title", title));
        }

        CodeFixVerifier.VerifyNoFix(Source, "SGW101", On([.. properties]));
    }

    [Fact]
    public void A_diagnostic_without_properties_gets_no_action()
    {
        CodeFixVerifier.VerifyNoFix(Source, "SGW101", On());
    }

    [Fact]
    public void Replace_on_a_diagnostic_at_the_whole_attribute_gets_no_action()
    {
        CodeFixVerifier.VerifyNoFix(Source, "SGW101", On(("fix.title", "Fix it"), ("fix.replace", "7200")));
    }

    [Fact]
    public void Diagnostics_outside_an_attribute_or_beyond_the_document_get_no_edit()
    {
        var tree = CSharpSyntaxTree.ParseText(Src.Demo, TestProject.ParseOptions);
        var root = tree.GetRoot();
        var plan = FixPlan.From(Fix(("fix.title", "Fix it"), ("fix.set.Name", "\"x\""), ("fix.addAttributes", "[Tag(\"a\", \"b\")]")), TestProject.ParseOptions)!;
        Assert.NotNull(plan);

        var className = root.DescendantTokens().First(t => t.ValueText == "Demo" && t.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax);
        Assert.Null(AttributeEdits.Apply(root, className.Span, plan)); // the class name, not an attribute
        Assert.Null(AttributeEdits.Apply(root, new TextSpan(0, 5), plan)); // "using"
        Assert.Null(AttributeEdits.Apply(root, new TextSpan(root.FullSpan.End, 10), plan)); // stale: past the end
        Assert.Null(AttributeEdits.Apply(root, root.FullSpan, plan)); // the whole file

        var pipeline = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().First();
        Assert.NotNull(AttributeEdits.Apply(root, pipeline.Span, plan)); // the same plan applies at an attribute
    }

    [Fact]
    public void An_assembly_attribute_gets_no_added_attributes()
    {
        var tree = CSharpSyntaxTree.ParseText("[assembly: System.CLSCompliant(false)]\n", TestProject.ParseOptions);
        var root = tree.GetRoot();
        var attribute = root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().Single();
        var addOnly = FixPlan.From(Fix(("fix.title", "Fix it"), ("fix.addAttributes", "[Tag(\"a\", \"b\")]")), TestProject.ParseOptions)!;
        var setOnly = FixPlan.From(Fix(("fix.title", "Fix it"), ("fix.set.Name", "\"x\"")), TestProject.ParseOptions)!;
        Assert.Null(AttributeEdits.Apply(root, attribute.Span, addOnly));
        Assert.Equal("[assembly: System.CLSCompliant(false, Name = \"x\")]\n", AttributeEdits.Apply(root, attribute.Span, setOnly)!.ToFullString());
    }
}
