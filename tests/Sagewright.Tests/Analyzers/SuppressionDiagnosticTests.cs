using Sagewright.Compiler.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW900: a security rule (SGW2xx) suppressed in source without a reason. The suppression itself
/// still works; SGW900 is reported beside it.</summary>
public class SuppressionDiagnosticTests
{
    // ---- #pragma warning disable -----------------------------------------------------------------

    [Fact]
    public void Pragma_without_a_reason_is_reported_at_the_pragma_and_still_suppresses()
    {
        var diagnostics = Markup.Verify("""
            public static class Keys
            {
            {|SGW900:#pragma warning disable SGW201|}
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            #pragma warning restore SGW201
            }
            """);
        Assert.Equal(
            "'#pragma warning disable SGW201' suppresses a security rule without a reason: say why in a comment on the same line (#pragma warning disable SGW201 // why it is safe)",
            Src.Single(diagnostics, "SGW900"));
        Assert.Equal("SGW201", diagnostics[0].Properties[SuppressionAnalyzer.RulesProperty]);
    }

    [Theory]
    [InlineData("// a test fixture: AWS's documentation example key")]
    [InlineData("//reason")]
    public void Pragma_with_a_reason_on_the_same_line_is_silent(string comment)
    {
        Markup.Verify($$"""
            public static class Keys
            {
            #pragma warning disable SGW201 {{comment}}
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            #pragma warning restore SGW201
            }
            """);
    }

    [Theory]
    [InlineData("//")]
    [InlineData("//   ")]
    [InlineData("// <reason>")]
    [InlineData("/* a reason, but not a comment here: a directive allows only // comments */")]
    public void Pragma_with_an_empty_or_placeholder_comment_is_reported(string comment)
    {
        Markup.Verify($$"""
            public static class Keys
            {
            {|SGW900:#pragma warning disable SGW201|} {{comment}}
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            #pragma warning restore SGW201
            }
            """);
    }

    [Fact]
    public void Reason_on_the_line_above_does_not_count()
    {
        Markup.Verify("""
            public static class Keys
            {
                // a test fixture
            {|SGW900:#pragma warning disable SGW201|}
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            #pragma warning restore SGW201
            }
            """);
    }

    [Fact]
    public void Pragma_naming_several_rules_lists_only_the_security_rules()
    {
        var diagnostics = Markup.Verify("""
            {|SGW900:#pragma warning disable CS0168, SGW005, SGW200, SGW201|}
            public static class Keys { }
            """);
        Assert.StartsWith("'#pragma warning disable SGW200, SGW201' suppresses security rules without a reason", Src.Single(diagnostics, "SGW900"), StringComparison.Ordinal);
        Assert.Equal("SGW200,SGW201", diagnostics[0].Properties[SuppressionAnalyzer.RulesProperty]);
    }

    [Fact]
    public void Pragma_disabling_every_rule_without_a_reason_is_reported()
    {
        var diagnostics = Markup.Verify("""
            {|SGW900:#pragma warning disable|}
            public static class Keys { }
            #pragma warning restore
            #pragma warning disable // generated-style block kept as is
            public static class Other { }
            """);
        Assert.StartsWith("'#pragma warning disable' without rule IDs disables every rule, including the Sagewright security rules", Src.Single(diagnostics, "SGW900"), StringComparison.Ordinal);
    }

    [Fact]
    public void Pragmas_for_other_rules_restores_and_inactive_regions_are_silent()
    {
        Markup.Verify("""
            #pragma warning disable SGW005
            #pragma warning disable CS0168, 219
            #pragma warning restore SGW201
            #if NEVER_DEFINED
            #pragma warning disable SGW201
            #endif
            public static class Keys { }
            """);
    }

    // ---- [SuppressMessage] / [UnconditionalSuppressMessage] ----------------------------------------

    [Fact]
    public void SuppressMessage_without_justification_is_reported_at_the_attribute_and_still_suppresses()
    {
        var diagnostics = Markup.Verify("""
            using System.Diagnostics.CodeAnalysis;

            [{|SGW900:SuppressMessage("Sagewright.Security", "SGW201:Hard-coded AWS credentials")|}]
            public static class Keys
            {
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            }
            """);
        Assert.Equal(
            "[SuppressMessage] suppresses the security rule SGW201 without a Justification: say why the suppression is safe (Justification = \"…\")",
            Src.Single(diagnostics, "SGW900"));
    }

    [Fact]
    public void SuppressMessage_with_a_justification_is_silent()
    {
        Markup.Verify("""
            using System.Diagnostics.CodeAnalysis;

            public static class Reasons { public const string Fixture = "parser test fixture: AWS's documentation example key"; }

            [SuppressMessage("Sagewright.Security", "SGW201:Hard-coded AWS credentials", Justification = "parser test fixture")]
            public static class A { public const string Key = "AKIAIOSFODNN7EXAMPLE"; }

            [SuppressMessage("Sagewright.Security", "SGW201", Justification = Reasons.Fixture)]
            public static class B { public const string Key = "AKIAIOSFODNN7EXAMPLE"; }

            [SuppressMessage(checkId: "SGW201", category: "Sagewright.Security", Justification = "x")]
            public static class C { }
            """);
    }

    [Fact]
    public void Every_form_of_SuppressMessage_without_a_usable_justification_is_reported()
    {
        Markup.Verify("""
            using System.Diagnostics.CodeAnalysis;
            using SM = System.Diagnostics.CodeAnalysis.SuppressMessageAttribute;

            [assembly: {|SGW900:SuppressMessage("Sagewright.Security", "SGW200", Scope = "type", Target = "~T:Keys")|}]
            [module: {|SGW900:System.Diagnostics.CodeAnalysis.SuppressMessageAttribute("Sagewright.Security", "SGW202", Justification = "")|}]

            public static class Keys
            {
                [{|SGW900:UnconditionalSuppressMessage("Sagewright.Security", "SGW201", Justification = "  ")|}]
                public const string A = "x";

                [{|SGW900:SuppressMessage("Sagewright.Security", "SGW201", Justification = "<Pending>")|}]
                public const string B = "x";

                [{|SGW900:SuppressMessage("Sagewright.Security", checkId: " SGW205 : PassRole")|}]
                public static void M() { }
            }
            """);
    }

    [Fact]
    public void SuppressMessage_with_the_check_id_after_a_named_category_is_reported_and_still_suppresses()
    {
        // C# allows a positional argument after a named one in its own position: "SGW201" is still the checkId,
        // and the compiler suppresses SGW201 with it.
        var diagnostics = Markup.Verify("""
            using System.Diagnostics.CodeAnalysis;

            public static class Keys
            {
                [{|SGW900:SuppressMessage(category: "Sagewright.Security", "SGW201")|}]
                public const string Key = "AKIAQ2RTVWXY3Z4ABCDE";
            }
            """);
        Assert.Equal(
            "[SuppressMessage] suppresses the security rule SGW201 without a Justification: say why the suppression is safe (Justification = \"…\")",
            Src.Single(diagnostics, "SGW900"));
    }

    [Fact]
    public void SuppressMessage_for_other_rules_or_of_another_type_is_silent()
    {
        Markup.Verify("""
            using System.Diagnostics.CodeAnalysis;

            namespace Mine
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                public sealed class SuppressMessageAttribute(string category, string checkId) : System.Attribute
                {
                    public string Category { get; } = category;
                    public string CheckId { get; } = checkId;
                }

                [SuppressMessage("Sagewright.Security", "SGW201")]
                public static class NotTheRealOne { }
            }

            [System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.Correctness", "SGW005:Malformed S3 URI")]
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.BestPractice", "SGW101")]
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Sagewright.Security", "SGW2011")]
            public static class Others { }
            """);
    }

    [Theory]
    [InlineData("#pragma warning disable SGW201 // ")]
    [InlineData("#pragma warning disable SGW201, /* */")]
    [InlineData("#pragma warning disable ,,SGW201")]
    [InlineData("#pragma warning disable SGW201\n[SuppressMessage(\"Sagewright.Security\", Justification = 1)]")]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"Sagewright.Security\", null)] class C { }")]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage] class C { }")]
    [InlineData("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"a\", \"SGW201\", Justification = null, Justification = \"x\")] class C { }")]
    public void Broken_suppressions_never_make_the_analyzer_throw(string source) =>
        TestProject.Analyze(TestProject.Compilation(source));
}
