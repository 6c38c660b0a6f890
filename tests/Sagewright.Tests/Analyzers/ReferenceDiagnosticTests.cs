using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW003 (dependency cycle), SGW004 (unresolved reference) and SGW008 (step not attached).</summary>
public class ReferenceDiagnosticTests
{
    // ---- SGW003 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW003_two_steps_consuming_each_others_outputs()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW003:nameof(B.Out)|}, "/opt/ml/processing/input")]
            public sealed class A
            {
                [Output("/opt/ml/processing/output")] public const string Out = "a-out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(A.Out), "/opt/ml/processing/input")]
            public sealed class B
            {
                [Output("/opt/ml/processing/output")] public const string Out = "b-out";
            }
            """);
        Assert.Equal("Steps depend on each other in a cycle: A → B → A", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW003_three_steps_in_a_DependsOn_cycle_names_the_cycle_in_run_order()
    {
        // C runs before A, A before B, B before C.
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW003:typeof(C)|})]
            public sealed class A;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(A))]
            public sealed class B;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(B))]
            public sealed class C;
            """);
        Assert.Equal("Steps depend on each other in a cycle: A → B → C → A", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW003_cycle_message_uses_step_names_not_class_names()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo), Name = "first")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW003:typeof(B)|})]
            public sealed class A;

            [ProcessingStep(typeof(Demo), Name = "second")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(A))]
            public sealed class B;
            """);
        Assert.Equal("Steps depend on each other in a cycle: first → second → first", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW003_self_dependency()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW003:typeof(Self)|})]
            public sealed class Self;
            """);
        Assert.Equal("Steps depend on each other in a cycle: Self → Self", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW003_step_consuming_its_own_output()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW003:nameof(Loop.Out)|}, "/opt/ml/processing/input")]
            public sealed class Loop
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }
            """);
    }

    [Fact]
    public void SGW003_cycle_through_a_training_steps_model_artifacts()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW003:typeof(Train)|}, "/opt/ml/processing/model")]
            public sealed class Prep
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Channel("train", nameof(Prep.Out))]
            public sealed class Train;
            """);
        Assert.Equal("Steps depend on each other in a cycle: Prep → Train → Prep", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW003_two_separate_cycles_are_two_diagnostics_and_their_downstream_step_none()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW003:typeof(B)|})]
            public sealed class A;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(A))]
            public sealed class B;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(B))]
            public sealed class Downstream;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW003:typeof(Y)|})]
            public sealed class X;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(X))]
            public sealed class Y;
            """);
        Assert.Equal(
            ["Steps depend on each other in a cycle: A → B → A", "Steps depend on each other in a cycle: X → Y → X"],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public void Diamond_dependencies_are_not_a_cycle()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Top
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Top.Out), "/opt/ml/processing/input")]
            public sealed class Left;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input(nameof(Top.Out), "/opt/ml/processing/input")]
            public sealed class Right;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn(typeof(Left)), DependsOn(typeof(Right)), DependsOn(typeof(Top))]
            public sealed class Bottom;
            """);
    }

    // ---- SGW004 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW004_nameof_a_field_that_is_neither_parameter_nor_output()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(Demo.NotAParameter)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Contains("which is not a [Parameter], an [Output], an [OutputParameter], an execution variable, or a [Join], [JsonGet] or [StepProperty] expression", Src.Single(diagnostics, "SGW004"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW004_nameof_a_type_or_a_method()
    {
        Markup.Verify(Src.Demo + """
            public static class Helpers
            {
                public static string Location() => "s3://my-bucket/x/";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(Helpers)|}, "/opt/ml/processing/a")]
            [Input({|SGW004:nameof(Helpers.Location)|}, "/opt/ml/processing/b")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW004_parameter_of_another_pipeline()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [Pipeline("Other")]
            public static partial class Other
            {
                [Parameter] public const string Data = "s3://my-bucket/other/";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(Other.Data)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("'Data' is a parameter of 'Other', not of pipeline 'Demo' that step 'Prep' belongs to", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void SGW004_output_of_a_step_in_another_pipeline()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [Pipeline("Other")]
            public static partial class Other;

            [ProcessingStep(typeof(Other))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class OtherPrep
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(OtherPrep.Out)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
        Assert.Equal("Step 'OtherPrep' belongs to another pipeline, not to 'Demo'", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void SGW004_model_artifacts_and_DependsOn_of_a_step_in_another_pipeline()
    {
        Markup.Verify(Src.Demo + """
            [Pipeline("Other")]
            public static partial class Other;

            [TrainingStep(typeof(Other))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class OtherTrain;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:typeof(OtherTrain)|}, "/opt/ml/processing/model")]
            [DependsOn({|SGW004:typeof(OtherTrain)|})]
            public sealed class Evaluate;
            """);
    }

    [Fact]
    public void SGW004_missing_code_file()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code({|SGW004:"scripts/missing.py"|})]
            public sealed class Prep;
            """);
        Assert.StartsWith("Code file 'scripts/missing.py' was not found", Src.Single(diagnostics, "SGW004"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW004_missing_training_code_file()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Code({|SGW004:"train.py"|})]
            public sealed class Train;
            """);
    }

    [Theory]
    [InlineData("./scripts/preprocess.py")]
    [InlineData("scripts\\\\preprocess.py")]
    public void Code_path_with_dot_slash_or_backslash_is_found(string path)
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code("{{path}}")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW004_DependsOn_a_class_that_is_not_a_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            public sealed class Helper;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW004:typeof(Helper)|})]
            public sealed class Prep;
            """);
        Assert.Equal("'Helper' in [DependsOn] is not a step class of pipeline 'Demo'", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void SGW004_DependsOn_null()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [DependsOn({|SGW004:null|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW004_model_artifacts_of_a_class_that_is_not_a_step()
    {
        Markup.Verify(Src.Demo + """
            public sealed class Helper;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:typeof(Helper)|}, "/opt/ml/processing/model")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW004_nameof_an_output_field_in_a_class_that_is_not_a_step()
    {
        // [Output] on a class that is not a step class: the reference resolves to no step of the pipeline.
        Markup.Verify(Src.Demo + """
            public static class Loose
            {
                [Output("/opt/ml/processing/output")] public const string Out = "out";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(Loose.Out)|}, "/opt/ml/processing/input")]
            public sealed class Prep;
            """);
    }

    // ---- SGW008 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW008_step_naming_a_class_without_Pipeline()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            public static class NotAPipeline;

            [ProcessingStep({|SGW008:typeof(NotAPipeline)|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal("Step 'Prep' names 'NotAPipeline' as its pipeline, but that class has no [Pipeline] attribute", Src.Single(diagnostics, "SGW008"));
    }

    [Fact]
    public void SGW008_training_step_naming_another_step_class()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;

            [TrainingStep({|SGW008:typeof(Prep)|})]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW008_step_with_a_null_pipeline()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep({|SGW008:null|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Contains("must name its pipeline", Src.Single(diagnostics, "SGW008"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW008_detached_step_still_reports_what_the_binder_found()
    {
        // The binder's own findings do not depend on the pipeline, so they are reported either way.
        Markup.Verify(Src.Demo + """
            public static class NotAPipeline;

            [ProcessingStep({|SGW008:typeof(NotAPipeline)|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW004:nameof(Demo.NotAParameter)|}, "/opt/ml/processing/input")]
            public sealed class Prep;

            [ProcessingStep({|SGW008:null|})]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW009:Demo.InputData|}, "/opt/ml/processing/input")]
            public sealed class Orphan;
            """);
    }

    [Fact]
    public void SGW008_is_reported_without_any_pipeline_in_the_project()
    {
        Markup.Verify("""
            using Sagewright;

            [TrainingStep({|SGW008:typeof(Train)|})]
            [Instance("ml.g4dn.xlarge")]
            public sealed class Train;
            """);
    }
}
