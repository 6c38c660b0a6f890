using System.Text;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>SGW010 (service quota), SGW011 (required setting missing) and SGW101 (Spot MaxWait).</summary>
public class SettingDiagnosticTests
{
    // ---- SGW010 ----------------------------------------------------------------------------------

    private static string Inputs(int count, int markAt = -1)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            var input = $"Input(\"s3://my-bucket/in{i}/\", \"/opt/ml/processing/in{i}\")";
            text.Append('[').Append(i == markAt ? "{|SGW010:" + input + "|}" : input).Append("]\n");
        }

        return text.ToString();
    }

    [Fact]
    public void SGW010_eleven_processing_inputs_is_reported_at_the_eleventh()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            {{Inputs(11, markAt: 11)}}
            public sealed class Prep;
            """);
        Assert.StartsWith("Step 'Prep' has 11 processing inputs; at most 10 are allowed", Src.Single(diagnostics, "SGW010"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW010_ten_inputs_and_a_script_is_reported_at_the_tenth_input()
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            {{Inputs(10, markAt: 10)}}
            public sealed class Prep;
            """);
    }

    [Fact]
    public void Ten_inputs_without_a_script_or_nine_with_one_are_valid()
    {
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            {{Inputs(10)}}
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            {{Inputs(9)}}
            public sealed class Prep2;
            """);
    }

    [Fact]
    public void SGW010_eleven_outputs_is_reported_at_the_eleventh()
    {
        var outputs = new StringBuilder();
        for (var i = 1; i <= 11; i++)
        {
            var output = $"Output(\"/opt/ml/processing/out{i}\")";
            outputs.Append('[').Append(i == 11 ? "{|SGW010:" + output + "|}" : output).Append($"] public const string Out{i} = \"out{i}\";\n");
        }

        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
            {{outputs}}
            }
            """);
    }

    private static string Steps(int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append($"[ProcessingStep(typeof(Demo))]\n[Image(Images.Processing), Instance(\"ml.m5.large\")]\npublic sealed class Step{i};\n\n");
        }

        return text.ToString();
    }

    [Fact]
    public void SGW010_fifty_one_steps_is_reported_at_the_pipeline_attribute()
    {
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [{|SGW010:Pipeline("Demo")|}]
            public static partial class Demo;

            public static class Images
            {
                public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
            }

            {{Steps(51)}}
            """);
        Assert.Equal("Pipeline 'Demo' has 51 steps; SageMaker allows at most 50", Src.Single(diagnostics, "SGW010"));
    }

    [Fact]
    public void Fifty_steps_are_valid()
    {
        var output = TestProject.Generate($$"""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo;

            public static class Images
            {
                public const string Processing = "123456789012.dkr.ecr.us-east-1.amazonaws.com/prep:1.0";
            }

            {{Steps(50)}}
            """);
        Assert.Empty(Markup.WarningsAndErrors(TestProject.Analyze(output.Compilation)));
        Assert.Contains("\"Name\": \"Step50\"", output.Definition(), StringComparison.Ordinal);
    }

    private static string Parameters(int count)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            text.Append($"    [Parameter] public const int P{i} = {i};\n");
        }

        return text.ToString();
    }

    [Fact]
    public void SGW010_more_than_200_parameters_is_reported_at_the_pipeline_attribute()
    {
        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [{|SGW010:Pipeline("Demo")|}]
            public static partial class Demo
            {
            {{Parameters(201)}}
            }
            """);
        Assert.Equal("Pipeline 'Demo' has 201 parameters; SageMaker allows at most 200", Src.Single(diagnostics, "SGW010"));
    }

    [Fact]
    public void Two_hundred_parameters_are_valid()
    {
        Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo")]
            public static partial class Demo
            {
            {{Parameters(200)}}
            }
            """);
    }

    [Fact]
    public void SGW010_definition_larger_than_1_MiB_is_reported_at_the_pipeline_attribute()
    {
        // Five training steps with 100 hyperparameters of 2500 characters each: about 1.3 MB of JSON.
        var value = new string('x', 2500);
        var steps = new StringBuilder();
        for (var s = 1; s <= 5; s++)
        {
            steps.Append("[TrainingStep(typeof(Demo))]\n[Image(Images.Training), Instance(\"ml.g4dn.xlarge\")]\n");
            for (var h = 1; h <= 100; h++)
            {
                steps.Append($"[HyperParameter(\"h{h}\", \"{value}\")]\n");
            }

            steps.Append($"public sealed class Train{s};\n\n");
        }

        var diagnostics = Markup.Verify($$"""
            using Sagewright;

            [{|SGW010:Pipeline("Demo")|}]
            public static partial class Demo;

            public static class Images
            {
                public const string Training = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310";
            }

            {{steps}}
            """);
        var message = Src.Single(diagnostics, "SGW010");
        Assert.StartsWith("The definition of pipeline 'Demo' is ", message, StringComparison.Ordinal);
        Assert.EndsWith(" bytes; SageMaker accepts at most 1048576", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SGW010_more_than_50_tags()
    {
        var tags = string.Concat(Enumerable.Range(1, 51).Select(i => $"[Tag(\"k{i}\", \"v\")]\n"));
        Markup.Verify($$"""
            using Sagewright;

            [{|SGW010:Pipeline("Demo")|}]
            {{tags}}
            public static partial class Demo;
            """);
    }

    [Fact]
    public void SGW010_per_job_lists_are_reported_at_the_first_entry_over_the_limit()
    {
        string Many(int count, Func<int, string> attribute, int markAt) =>
            string.Concat(Enumerable.Range(1, count).Select(i => "[" + (i == markAt ? "{|SGW010:" + attribute(i) + "|}" : attribute(i)) + "]\n"));

        Markup.Verify(Src.Demo + $$"""
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            {{Many(21, i => $"Channel(\"c{i}\", \"s3://my-bucket/c{i}/\")", 21)}}
            {{Many(101, i => $"HyperParameter(\"h{i}\", \"1\")", 101)}}
            {{Many(101, i => $"Environment(\"E{i}\", \"1\")", 101)}}
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW010_container_arguments_too_many_or_too_long()
    {
        var many = string.Join(", ", Enumerable.Range(1, 101).Select(i => $"\"a{i}\""));
        Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [{|SGW010:ContainerArguments({{many}})|}]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [ContainerArguments("--ok", {|SGW010:"{{new string('a', 257)}}"|})]
            public sealed class Prep2;
            """);
    }

    // ---- SGW011 ----------------------------------------------------------------------------------

    private const string EmptyPipeline = """
        using Sagewright;

        [{|SGW011:Pipeline("Demo")|}]
        public static partial class Demo;
        """;

    [Fact]
    public void SGW011_missing_account_is_reported_at_the_pipeline_attribute()
    {
        var diagnostics = Markup.Verify(EmptyPipeline, new ProjectOptions { AccountId = null });
        Assert.Contains("<SagewrightAccountId>", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567890123")]
    [InlineData("12345678901a")]
    public void SGW011_invalid_account(string account)
    {
        var diagnostics = Markup.Verify(EmptyPipeline, new ProjectOptions { AccountId = account });
        Assert.Equal("SagewrightAccountId '" + account + "' is not a 12-digit AWS account ID", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void SGW011_missing_region()
    {
        var diagnostics = Markup.Verify(EmptyPipeline, new ProjectOptions { Region = null });
        Assert.Contains("<SagewrightRegion>", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mars-1")]
    [InlineData("US-EAST-1")]
    [InlineData("us-east")]
    public void SGW011_invalid_region(string region)
    {
        var diagnostics = Markup.Verify(EmptyPipeline, new ProjectOptions { Region = region });
        Assert.Equal("SagewrightRegion '" + region + "' is not an AWS region name such as us-east-1", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void SGW011_invalid_partition()
    {
        Markup.Verify(EmptyPipeline, new ProjectOptions { Partition = "azure" });
    }

    [Fact]
    public void SGW011_missing_account_and_region_are_two_diagnostics_once_per_pipeline()
    {
        Markup.Verify("""
            using Sagewright;

            [{|SGW011:{|SGW011:Pipeline("Demo")|}|}]
            public static partial class Demo;

            [{|SGW011:{|SGW011:Pipeline("Other")|}|}]
            public static partial class Other;
            """, new ProjectOptions { AccountId = null, Region = null });
    }

    [Fact]
    public void SGW011_invalid_region_with_a_framework_step_is_not_reported_again_at_the_step()
    {
        Markup.Verify("""
            using Sagewright;

            [{|SGW011:Pipeline("Demo")|}]
            public static partial class Demo;

            [ProcessingStep(typeof(Demo))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """, new ProjectOptions { Region = "mars-1" });
    }

    [Fact]
    public void SGW011_no_image_and_no_instance_are_reported_at_the_step_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:{|SGW011:ProcessingStep(typeof(Demo))|}|}]
            public sealed class Prep;
            """);
        Assert.Equal(
            [
                "Step 'Prep' has no container image: add [Image(\"...\")] or [Framework(\"sklearn\", \"1.2-1\")]",
                "Step 'Prep' has no instance type: add [Instance(\"ml.m5.large\")]",
            ],
            diagnostics.Select(Src.Message).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Fact]
    public void SGW011_training_without_an_image()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:TrainingStep(typeof(Demo), Name = "train")|}]
            [Instance("ml.g4dn.xlarge")]
            public sealed class Train;
            """);
        Assert.Equal("Step 'train' has no container image: add [Image(\"...\")]", Src.Single(diagnostics, "SGW011"));
    }

    [Fact]
    public void SGW011_framework_without_code()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [{|SGW011:Framework("sklearn", "1.2-1")|}, Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Contains("add [Code(", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW011_unknown_framework_is_reported_at_the_name()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Framework({|SGW011:"tensorflowz"|}, "2.13"), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """);
        Assert.StartsWith("Framework 'tensorflowz' has no SageMaker image; use one of: autogluon, blazingtext, ", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("9.9-9")]
    [InlineData("")]
    public void SGW011_unknown_framework_version_is_reported_at_the_version(string version)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Framework("sklearn", {|SGW011:"{{version}}"|}), Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """);
        Assert.Contains("has no SageMaker training image; use one of: 0.20.0, 0.23-1, 1.0-1, 1.2-1, 1.4-2", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW011_framework_image_missing_in_the_region_is_reported_at_the_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [{|SGW011:Framework("sklearn", "1.2-1")|}, Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """, ProjectOptions.Default with { Region = "xx-nowhere-1" });
        Assert.StartsWith("The sklearn 1.2-1 image is not published in region 'xx-nowhere-1'; it is in: af-south-1, ap-east-1, ", Src.Single(diagnostics, "SGW011"), StringComparison.Ordinal);
    }

    [Fact]
    public void Framework_on_a_training_step_is_accepted()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Framework("sklearn", "1.2-1"), Instance("ml.m5.large")]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW015_image_and_framework_together()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), {|SGW015:Framework("sklearn", "1.2-1")|}, Instance("ml.m5.large")]
            [Code("scripts/preprocess.py")]
            public sealed class Prep;
            """);
        Assert.Equal("Step 'Prep' sets its container image twice, with [Image] and with [Framework]; keep one", Src.Single(diagnostics, "SGW015"));
    }

    [Fact]
    public void SGW011_null_values()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("MODE", {|SGW011:null|})]
            [ContainerArguments("--mode", {|SGW011:null|})]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [HyperParameter("mode", {|SGW011:null|})]
            [Channel("train", {|SGW011:null|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void SGW011_null_image_or_instance_is_one_diagnostic_not_two()
    {
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image({|SGW011:null|}), Instance({|SGW011:null|})]
            public sealed class Prep;
            """);
    }

    // ---- SGW101 ----------------------------------------------------------------------------------

    [Fact]
    public void SGW101_spot_without_MaxWaitSeconds_is_reported_at_the_spot_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [{|SGW101:Spot(MaxRunSeconds = 3600, CheckpointS3Uri = "s3://my-bucket/checkpoints/")|}]
            public sealed class Train;
            """);
        Assert.Equal("Spot training needs MaxWaitSeconds (the time to wait for capacity plus the run time); set it to at least MaxRunSeconds (3600)", Src.Single(diagnostics, "SGW101"));
    }

    [Fact]
    public void SGW101_spot_with_no_arguments_is_one_diagnostic()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [{|SGW101:Spot|}]
            public sealed class Train;
            """);
        Assert.EndsWith("set it to at least MaxRunSeconds (86400)", Src.Single(diagnostics, "SGW101"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW101_MaxWaitSeconds_below_MaxRunSeconds_is_reported_at_MaxWaitSeconds()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 100|})]
            public sealed class Train;
            """);
        Assert.Equal("MaxWaitSeconds (100) is below the maximum run time (3600); SageMaker rejects the job", Src.Single(diagnostics, "SGW101"));
    }

    [Fact]
    public void SGW101_MaxWaitSeconds_below_MaxRuntime_or_the_default_run_time()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [MaxRuntime(3600)]
            [Spot({|SGW101:MaxWaitSeconds = 1800|})]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot({|SGW101:MaxWaitSeconds = 7200|})]
            public sealed class TrainDefault;
            """);
    }

    [Fact]
    public void SGW101_explicit_zero_or_negative_MaxWaitSeconds_is_reported_at_the_argument()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = 0|})]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, {|SGW101:MaxWaitSeconds = -1|})]
            public sealed class Train2;
            """);
    }

    [Fact]
    public void Spot_with_MaxWait_equal_to_MaxRun_or_above_MaxRuntime_is_valid()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Spot(MaxRunSeconds = 3600, MaxWaitSeconds = 3600)]
            public sealed class Train;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [MaxRuntime(600)]
            [Spot(MaxWaitSeconds = 1200, CheckpointS3Uri = "s3://my-bucket/checkpoints/")]
            public sealed class Train2;
            """);
    }

    [Fact]
    public void SGW010_hyperparameter_limit_counts_the_entries_code_adds()
    {
        // [Code] adds four sagemaker_* hyperparameters, so 97 of the user's make 101.
        var hyperParameters = string.Concat(Enumerable.Range(0, 97).Select(i => i == 96 ? "[{|SGW010:HyperParameter(\"h96\", \"v\")|}]\n" : $"[HyperParameter(\"h{i}\", \"v\")]\n"));
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [Code("scripts/train.py")]

            """ + hyperParameters + "public sealed class Train;\n");
        Assert.Equal("Step 'Train' has 101 hyperparameters (4 of them set by [Code]); at most 100 are allowed", Src.Single(diagnostics, "SGW010"));
    }

    [Fact]
    public void Sagemaker_prefixed_hyperparameter_without_code_is_an_ordinary_duplicate()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [HyperParameter("sagemaker_program", "a.py"), HyperParameter({|SGW001:"sagemaker_program"|}, "b.py")]
            public sealed class Train;
            """);
        Assert.Equal("Hyperparameter 'sagemaker_program' is set twice", Src.Single(diagnostics, "SGW001"));
    }
}
