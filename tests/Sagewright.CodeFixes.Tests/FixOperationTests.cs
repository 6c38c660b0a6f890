using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sagewright.CodeFixes.Tests.Infrastructure;
using Sagewright.Tests.Analyzers;
using static Sagewright.CodeFixes.Tests.Infrastructure.TestAnalyzer;

namespace Sagewright.CodeFixes.Tests;

/// <summary>Each fix operation of the property contract, driven by a test analyzer that reports a fixable ID
/// with hand-written properties (the real rules' fixes are tested with the real analyzer).</summary>
public class FixOperationTests
{
    private const string Title = "fix.title";

    private static string Train(string spot, string name = "Train") => $$"""
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        [{{spot}}]
        public sealed class {{name}};

        """;

    /// <summary>Applies the fix to the demo pipeline with one training step whose [Spot] attribute is written as given.</summary>
    private static CodeAction VerifyTrain(string spotBefore, string spotAfter, string id, TestAnalyzer analyzer) =>
        CodeFixVerifier.Verify(Src.Demo + Train(spotBefore), Src.Demo + Train(spotAfter), id, analyzer);

    /// <summary>SGW101 on [Spot] while it has no MaxWaitSeconds, fixed by setting it.</summary>
    private static TestAnalyzer MaxWaitMissing(string value = "7200") => new()
    {
        Id = "SGW101",
        AttributeName = "Spot",
        When = a => Named(a, "MaxWaitSeconds") is null,
        Properties = Fix((Title, "Set MaxWaitSeconds to " + value), ("fix.set.MaxWaitSeconds", value)),
    };

    /// <summary>SGW101 at MaxWaitSeconds while it is 100, with the given fix properties.</summary>
    private static TestAnalyzer MaxWaitIs100(params (string Key, string? Value)[] fix) => new()
    {
        Id = "SGW101",
        AttributeName = "Spot",
        At = "MaxWaitSeconds",
        When = a => Named(a, "MaxWaitSeconds") == "100",
        Properties = Fix(fix),
    };

    /// <summary>SGW108 at the first positional argument of [Instance] while it is "ml.g4dn.xlarge", fixed by replacing it.</summary>
    private static TestAnalyzer G4dnInstance() => new()
    {
        Id = "SGW108",
        AttributeName = "Instance",
        AtPosition = 0,
        When = a => a.ArgumentList!.Arguments[0].Expression.ToString() == "\"ml.g4dn.xlarge\"",
        Properties = Fix((Title, "Use ml.g5.xlarge"), ("fix.replace", "\"ml.g5.xlarge\"")),
    };

    // ---- fix.set ---------------------------------------------------------------------------------

    [Fact]
    public void Set_appends_a_named_argument_after_the_last_one()
    {
        var action = VerifyTrain(
            "{|SGW101:Spot(MaxRunSeconds = 3600)|}",
            "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)",
            "SGW101", MaxWaitMissing());
        Assert.Equal("Set MaxWaitSeconds to 7200", action.Title);
        Assert.Equal("Sagewright.SGW101", action.EquivalenceKey);
    }

    [Theory]
    [InlineData("Spot")]
    [InlineData("Spot()")]
    public void Set_adds_or_fills_the_argument_list_of_an_attribute_without_arguments(string spot)
    {
        VerifyTrain("{|SGW101:" + spot + "|}", "Spot(MaxWaitSeconds = 86400)", "SGW101", MaxWaitMissing("86400"));
    }

    [Fact]
    public void Set_replaces_the_value_of_an_existing_named_argument_reported_at_that_argument()
    {
        VerifyTrain(
            "Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 100|}, CheckpointS3Uri = \"s3://my-bucket/checkpoints/\")",
            "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600, CheckpointS3Uri = \"s3://my-bucket/checkpoints/\")",
            "SGW101", MaxWaitIs100((Title, "Set MaxWaitSeconds to 3600"), ("fix.set.MaxWaitSeconds", "3600")));
    }

    [Fact]
    public void Set_several_arguments_in_name_order_from_a_diagnostic_at_another_argument()
    {
        var analyzer = new TestAnalyzer
        {
            Id = "SGW100",
            AttributeName = "Spot",
            At = "MaxRunSeconds",
            When = a => Named(a, "CheckpointS3Uri") is null,
            Properties = Fix(
                (Title, "Set a checkpoint location"),
                ("fix.set.MaxWaitSeconds", "7200"),
                ("fix.set.CheckpointS3Uri", "$\"s3://my-bucket/checkpoints/{nameof(Execution.PipelineExecutionId)}\"")),
        };
        VerifyTrain(
            "Spot({|SGW100:MaxRunSeconds = 3600|})",
            "Spot(MaxRunSeconds = 3600, CheckpointS3Uri = $\"s3://my-bucket/checkpoints/{nameof(Execution.PipelineExecutionId)}\", MaxWaitSeconds = 7200)",
            "SGW100", analyzer);
    }

    [Fact]
    public void Set_follows_one_argument_per_line_and_keeps_comments()
    {
        CodeFixVerifier.Verify(
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance("ml.g4dn.xlarge")]
                [{|SGW101:Spot(
                    MaxRunSeconds = 3600, // one hour
                    CheckpointS3Uri = "s3://my-bucket/checkpoints/" /* synced */)|}]
                public sealed class Train;
                """,
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance("ml.g4dn.xlarge")]
                [Spot(
                    MaxRunSeconds = 3600, // one hour
                    CheckpointS3Uri = "s3://my-bucket/checkpoints/",
                    MaxWaitSeconds = 7200 /* synced */)]
                public sealed class Train;
                """,
            "SGW101", MaxWaitMissing());
    }

    // ---- fix.replace -----------------------------------------------------------------------------

    [Fact]
    public void Replace_replaces_a_positional_argument()
    {
        CodeFixVerifier.Verify(
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance({|SGW108:"ml.g4dn.xlarge"|}, Count = 2)]
                public sealed class Train;
                """,
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance("ml.g5.xlarge", Count = 2)]
                public sealed class Train;
                """,
            "SGW108", G4dnInstance());
    }

    [Fact]
    public void Replace_at_a_named_argument_keeps_the_name()
    {
        VerifyTrain(
            "Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 100|})",
            "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600)",
            "SGW101", MaxWaitIs100((Title, "Wait as long as the run"), ("fix.replace", "3600")));
    }

    [Fact]
    public void Replace_keeps_the_trivia_around_the_value()
    {
        CodeFixVerifier.Verify(
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance(
                    /* the GPU */ {|SGW108:"ml.g4dn.xlarge"|} // for now
                    )]
                public sealed class Train;
                """,
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance(
                    /* the GPU */ "ml.g5.xlarge" // for now
                    )]
                public sealed class Train;
                """,
            "SGW108", G4dnInstance());
    }

    // ---- fix.addAttributes -----------------------------------------------------------------------
    // The layouts are tested with the real SGW109 (required tags, reported at [Pipeline]); the stand-in reports it
    // at a member's attribute.

    private static bool Untagged(AttributeSyntax attribute) =>
        attribute.FirstAncestorOrSelf<TypeDeclarationSyntax>()!.AttributeLists.SelectMany(l => l.Attributes).All(a => a.Name.ToString() != "Tag");

    private static TestAnalyzer TagsMissing(string attributeName = "Pipeline") => new()
    {
        Id = "SGW109",
        AttributeName = attributeName,
        When = Untagged,
        Properties = Fix((Title, "Add the required tags"), ("fix.addAttributes", "[Tag(\"env\", \"TODO\")]\n[Tag(\"team\", \"TODO\")]\n[Tag(\"pipeline\", \"Demo\")]")),
    };

    [Fact]
    public void AddAttributes_adds_each_list_on_its_own_line_after_the_existing_ones()
    {
        CodeFixVerifier.Verify(
            """
            using Sagewright;

            [{|SGW109:Pipeline("Demo")|}]
            public static partial class Demo;

            """ + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600)") + Images,
            """
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "TODO")]
            [Tag("team", "TODO")]
            [Tag("pipeline", "Demo")]
            public static partial class Demo;

            """ + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600)") + Images,
            "SGW109");
    }

    private const string Images = """
        public static class Images
        {
            public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
        }

        """;

    [Fact]
    public void AddAttributes_keeps_the_class_indentation_doc_comment_and_a_comment_after_the_attribute()
    {
        CodeFixVerifier.Verify(
            """
            using Sagewright;

            namespace Acme
            {
                /// <summary>The demo pipeline.</summary>
                [{|SGW109:Pipeline("Demo")|}] // scored nightly
                public static partial class Demo
                {
                    [Parameter] public const string InputData = "s3://my-bucket/raw/";
                }
            }
            """,
            """
            using Sagewright;

            namespace Acme
            {
                /// <summary>The demo pipeline.</summary>
                [Pipeline("Demo")] // scored nightly
                [Tag("env", "TODO")]
                [Tag("team", "TODO")]
                [Tag("pipeline", "Demo")]
                public static partial class Demo
                {
                    [Parameter] public const string InputData = "s3://my-bucket/raw/";
                }
            }
            """,
            "SGW109");
    }

    [Fact]
    public void AddAttributes_stays_on_the_line_when_the_attributes_share_it_with_the_class()
    {
        CodeFixVerifier.Verify(
            """
            using Sagewright;

            [{|SGW109:Pipeline("Demo")|}] public static partial class Demo { }
            """,
            """
            using Sagewright;

            [Pipeline("Demo")] [Tag("env", "TODO")] [Tag("team", "TODO")] [Tag("pipeline", "Demo")] public static partial class Demo { }
            """,
            "SGW109");
    }

    [Fact]
    public void AddAttributes_from_a_member_attribute_goes_to_the_containing_class()
    {
        CodeFixVerifier.Verify(
            """
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
                [{|SGW109:Parameter|}] public const string InputData = "s3://my-bucket/raw/";
            }
            """,
            """
            using Sagewright;

            [Pipeline("Demo")]
            [Tag("env", "TODO")]
            [Tag("team", "TODO")]
            [Tag("pipeline", "Demo")]
            public static partial class Demo
            {
                [Parameter] public const string InputData = "s3://my-bucket/raw/";
            }
            """,
            "SGW109", TagsMissing("Parameter"));
    }

    [Fact]
    public void AddAttributes_uses_the_files_line_breaks()
    {
        static string Crlf(string text) => text.Replace("\n", "\r\n", StringComparison.Ordinal);
        CodeFixVerifier.Verify(
            Crlf("""
                using Sagewright;

                [{|SGW109:Pipeline("Demo")|}]
                public static partial class Demo;
                """),
            Crlf("""
                using Sagewright;

                [Pipeline("Demo")]
                [Tag("env", "TODO")]
                [Tag("team", "TODO")]
                [Tag("pipeline", "Demo")]
                public static partial class Demo;
                """),
            "SGW109");
    }

    [Fact]
    public void One_diagnostic_can_set_an_argument_and_add_an_attribute()
    {
        var analyzer = new TestAnalyzer
        {
            Id = "SGW112",
            AttributeName = "Spot",
            When = a => Named(a, "MaxWaitSeconds") is null,
            Properties = Fix(
                (Title, "Wait for capacity and retry capacity errors"),
                ("fix.set.MaxWaitSeconds", "7200"),
                ("fix.addAttributes", "[Retry(RetryOn.CapacityError, MaxAttempts = 3)]")),
        };
        CodeFixVerifier.Verify(
            Src.Demo + Train("{|SGW112:Spot(MaxRunSeconds = 3600)|}"),
            Src.Demo + """
                [TrainingStep(typeof(Demo))]
                [Image(Images.Training), Instance("ml.g4dn.xlarge")]
                [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)]
                [Retry(RetryOn.CapacityError, MaxAttempts = 3)]
                public sealed class Train;

                """,
            "SGW112", analyzer);
    }

    // ---- Fix All ---------------------------------------------------------------------------------

    /// <summary>Three [Spot]s without MaxWaitSeconds: two in one document, one in another.</summary>
    private static readonly string[] TwoDocumentsMissingMaxWait =
    [
        Src.Demo + Train("{|SGW101:Spot(MaxRunSeconds = 3600)|}") + Train("{|SGW101:Spot(MaxRunSeconds = 1800)|}", "Train2"),
        "using Sagewright;\n\n" + Train("{|SGW101:Spot(MaxRunSeconds = 3600)|}", "Train3"),
    ];

    /// <summary>The first document of <see cref="TwoDocumentsMissingMaxWait"/> with both [Spot]s fixed.</summary>
    private static readonly string FirstDocumentFixed =
        Src.Demo + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)") + Train("Spot(MaxRunSeconds = 1800, MaxWaitSeconds = 7200)", "Train2");

    [Fact]
    public void Fix_all_in_the_solution_fixes_every_class_in_every_document()
    {
        CodeFixVerifier.VerifyFixAll(
            TwoDocumentsMissingMaxWait,
            [
                FirstDocumentFixed,
                "using Sagewright;\n\n" + Train("Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 7200)", "Train3"),
            ],
            "SGW101", FixAllScope.Solution, MaxWaitMissing("7200"));
    }

    [Fact]
    public void Fix_all_in_a_document_leaves_the_other_documents()
    {
        CodeFixVerifier.VerifyFixAll(
            TwoDocumentsMissingMaxWait,
            [
                FirstDocumentFixed,
                "using Sagewright;\n\n" + Train("Spot(MaxRunSeconds = 3600)", "Train3"),
            ],
            "SGW101", FixAllScope.Document, MaxWaitMissing("7200"));
    }

    [Fact]
    public void Fix_all_adds_attributes_to_several_classes_of_one_document()
    {
        var analyzer = new TestAnalyzer
        {
            Id = "SGW112",
            AttributeName = "Spot",
            When = a => a.FirstAncestorOrSelf<TypeDeclarationSyntax>()!.AttributeLists.SelectMany(l => l.Attributes).All(x => x.Name.ToString() != "Retry"),
            Properties = Fix((Title, "Retry capacity errors"), ("fix.addAttributes", "[Retry(RetryOn.CapacityError, MaxAttempts = 3)]")),
        };
        const string Spot = "Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600)";
        var retried = Train(Spot).Replace("public sealed", "[Retry(RetryOn.CapacityError, MaxAttempts = 3)]\npublic sealed", StringComparison.Ordinal);
        CodeFixVerifier.VerifyFixAll(
            [Src.Demo + Train("{|SGW112:" + Spot + "|}") + Train("{|SGW112:" + Spot + "|}", "Train2")],
            [Src.Demo + retried + retried.Replace("class Train;", "class Train2;", StringComparison.Ordinal)],
            "SGW112", FixAllScope.Document, analyzer);
    }
}
