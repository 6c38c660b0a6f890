using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Analyzers;

/// <summary>Bad input on Lambda and callback steps: each finding at the argument that causes it.</summary>
public class LambdaCallbackDiagnosticTests
{
    private const string Arn = "arn:aws:lambda:us-east-1:123456789012:function:register";
    private const string Queue = "https://sqs.us-east-1.amazonaws.com/123456789012/approvals";

    // ---- targets ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("register")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:register")]
    [InlineData("arn:aws:lambda:us-east-1:1234:function:register")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:bad name")]
    [InlineData("arn:aws:s3:us-east-1:123456789012:function:register")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:register:v 1")]
    public void SGW001_malformed_function_arn_is_reported_at_FunctionArn(string arn)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), {|SGW001:FunctionArn = "{{arn}}"|})]
            public sealed class Register;
            """);
        Assert.Equal("'" + arn + "' is not a function ARN (arn:aws:lambda:<region>:<account>:function:<name>)", Src.Single(diagnostics, "SGW001"));
    }

    [Theory]
    [InlineData("sqs://approvals")]
    [InlineData("http://sqs.us-east-1.amazonaws.com/123456789012/approvals")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/approvals")]
    [InlineData("https://sqs.us-east-1.example.com/123456789012/approvals")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/appr.ovals")]
    [InlineData("https://sqs.us-east-1.amazonaws.com.cn/123456789012/approvals")]
    public void SGW001_malformed_queue_url_is_reported_at_QueueUrl(string url)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [CallbackStep(typeof(Demo), {|SGW001:QueueUrl = "{{url}}"|})]
            public sealed class Approval;
            """);
        Assert.Equal("'" + url + "' is not a queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue>)", Src.Single(diagnostics, "SGW001"));
    }

    [Theory]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:register")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:register:$LATEST")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:register:7")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Register_Model-2:prod")]
    public void Valid_function_arns_are_accepted(string arn)
    {
        Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{arn}}")]
            public sealed class Register;
            """);
    }

    [Theory]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/approvals")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/123456789012/approvals.fifo")]
    [InlineData("https://us-east-1.queue.amazonaws.com/123456789012/approvals")]
    [InlineData("https://queue.amazonaws.com/123456789012/approvals")]
    public void Valid_queue_urls_are_accepted(string url)
    {
        Markup.Verify(Src.Demo + $$"""
            [CallbackStep(typeof(Demo), QueueUrl = "{{url}}")]
            public sealed class Approval;
            """);
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:register", "The function ARN is in region 'eu-west-1', but the pipeline runs in 'us-east-1' (SagewrightRegion)")]
    [InlineData("arn:aws:lambda:us-east-1:210987654321:function:register", "The function ARN is in account '210987654321', but the pipeline runs in '123456789012' (SagewrightAccountId)")]
    [InlineData("arn:aws-cn:lambda:us-east-1:123456789012:function:register", "The function ARN is in partition 'aws-cn', but the pipeline runs in 'aws' (SagewrightPartition)")]
    public void SGW018_function_arn_outside_the_projects_partition_region_or_account(string arn, string message)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), {|SGW018:FunctionArn = "{{arn}}"|})]
            public sealed class Register;
            """);
        Assert.Equal(message, Src.Single(diagnostics, "SGW018"));
    }

    [Theory]
    [InlineData("https://sqs.eu-west-1.amazonaws.com/123456789012/approvals", "The queue URL is in region 'eu-west-1', but the pipeline runs in 'us-east-1' (SagewrightRegion)")]
    [InlineData("https://sqs.us-east-1.amazonaws.com/210987654321/approvals", "The queue URL is in account '210987654321', but the pipeline runs in '123456789012' (SagewrightAccountId)")]
    public void SGW018_queue_url_outside_the_projects_region_or_account(string url, string message)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [CallbackStep(typeof(Demo), {|SGW018:QueueUrl = "{{url}}"|})]
            public sealed class Approval;
            """);
        Assert.Equal(message, Src.Single(diagnostics, "SGW018"));
    }

    [Fact]
    public void A_china_queue_url_fits_a_china_project()
    {
        Markup.Verify(Src.Demo + """
            [CallbackStep(typeof(Demo), QueueUrl = "https://sqs.cn-north-1.amazonaws.com.cn/123456789012/approvals")]
            public sealed class Approval;
            """, new ProjectOptions { Region = "cn-north-1", Partition = "aws-cn" });
    }

    [Fact]
    public void SGW011_missing_function_arn_and_queue_url_are_reported_at_the_step_attribute()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [{|SGW011:LambdaStep(typeof(Demo))|}]
            public sealed class Register;

            [{|SGW011:CallbackStep(typeof(Demo), Name = "Approve")|}]
            public sealed class Approval;
            """);
        Assert.Equal(
            [
                "Callback step 'Approve' needs QueueUrl = \"https://sqs.<region>.amazonaws.com/<account>/<queue>\"",
                "Lambda step 'Register' needs FunctionArn = \"arn:aws:lambda:<region>:<account>:function:<name>\"",
            ],
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal));
    }

    // ---- timeout ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(901)]
    public void SGW007_timeout_out_of_range_is_reported_at_TimeoutSeconds(int seconds)
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}", {|SGW007:TimeoutSeconds = {{seconds}}|})]
            public sealed class Register;
            """);
        Assert.Equal("TimeoutSeconds is " + Src.Int(seconds) + "; it must be between 1 and 900", Src.Single(diagnostics, "SGW007"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(900)]
    public void Timeouts_at_the_limits_are_accepted(int seconds)
    {
        Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}", TimeoutSeconds = {{seconds}})]
            public sealed class Register;
            """);
    }

    // ---- inputs and output parameters -------------------------------------------------------------

    [Fact]
    public void SGW001_duplicate_and_empty_input_names_are_reported_at_the_name()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            [StepInput("model", "a")]
            [StepInput({|SGW001:"model"|}, 2)]
            [StepInput({|SGW001:""|}, true)]
            public sealed class Register;
            """);
        Assert.Equal(["A [StepInput] needs a name", "Input 'model' is declared twice on step 'Register'"],
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SGW001_duplicate_or_quoted_output_parameter_names_are_reported_at_the_name()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [CallbackStep(typeof(Demo), QueueUrl = "{{Queue}}")]
            public sealed class Approval
            {
                [OutputParameter] public static readonly string Ticket = "";
                [OutputParameter({|SGW001:Name = "Ticket"|})] public static readonly string Other = "";
                [OutputParameter({|SGW001:Name = "it's"|})] public static readonly string Quoted = "";
            }
            """);
        Assert.Equal(
            ["Output parameter name 'Ticket' is used twice in step 'Approval'", "Output parameter name 'it's' must be non-empty text without a quote (')"],
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SGW009_output_parameter_field_of_an_unsupported_type_or_not_static()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            public sealed class Register
            {
                [{|SGW009:OutputParameter|}] public static readonly System.DateTime When;
                [{|SGW009:OutputParameter|}] public readonly string Instance = "";
                [{|SGW009:OutputParameter|}] public const string Constant = "c";
            }
            """);
        Assert.Equal(
            [
                "'When' has type 'System.DateTime'; an [OutputParameter] field is a string (String), int or long (Integer), double (Float) or bool (Boolean)",
                "Output parameter 'Constant' is known only when the step has run: declare it as public static readonly string Constant;",
                "Output parameter 'Instance' is known only when the step has run: declare it as public static readonly string Instance;",
            ],
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SGW009_output_parameter_of_the_wrong_type_for_the_setting()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            public sealed class Register
            {
                [OutputParameter] public static readonly int Version;
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("VERSION", {|SGW009:nameof(Register.Version)|})]
            public sealed class Prep;
            """);
        Assert.Equal("Output parameter 'Version' of step 'Register' is an Integer, but an environment value must be a String", Src.Single(diagnostics, "SGW009"));
    }

    [Fact]
    public void SGW009_condition_comparing_a_string_output_parameter_with_a_number()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            public sealed class Register
            {
                [OutputParameter] public static readonly string Status = "";
            }

            [FailStep(typeof(Demo))]
            public sealed class Stop;

            [ConditionStep(typeof(Demo))]
            [GreaterThan(nameof(Register.Status), {|SGW009:3|})]
            [IfSteps(typeof(Stop))]
            public sealed class Check;
            """);
        Assert.StartsWith("Cannot compare a String value with an Integer value", Src.Single(diagnostics, "SGW009"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW004_output_parameter_of_a_step_that_is_not_a_lambda_or_callback_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [{|SGW014:OutputParameter|}] public static readonly string Result = "";
            }

            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            [StepInput("result", {|SGW004:nameof(Prep.Result)|})]
            public sealed class Register;
            """);
        Assert.Equal("'Result' is not an output parameter of step 'Prep'; only Lambda and callback steps have [OutputParameter] fields", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void SGW004_output_parameter_of_a_step_of_another_pipeline()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [Pipeline("Other")]
            public static partial class Other;

            [LambdaStep(typeof(Other), FunctionArn = "{{Arn}}")]
            public sealed class Elsewhere
            {
                [OutputParameter] public static readonly string Result = "";
            }

            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            [StepInput("result", {|SGW004:nameof(Elsewhere.Result)|})]
            public sealed class Register;
            """);
        Assert.Equal("Step 'Elsewhere' belongs to another pipeline, not to 'Demo'", Src.Single(diagnostics, "SGW004"));
    }

    [Fact]
    public void SGW003_lambda_steps_reading_each_others_output_parameters()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            [StepInput("b", {|SGW003:nameof(B.Out)|})]
            public sealed class A
            {
                [OutputParameter] public static readonly string Out = "";
            }

            [CallbackStep(typeof(Demo), QueueUrl = "{{Queue}}")]
            [StepInput("a", nameof(A.Out))]
            public sealed class B
            {
                [OutputParameter] public static readonly string Out = "";
            }
            """);
        Assert.Equal("Steps depend on each other in a cycle: A → B → A", Src.Single(diagnostics, "SGW003"));
    }

    [Fact]
    public void SGW009_output_parameter_as_the_experiment_name()
    {
        Markup.Verify($$"""
            using Sagewright;

            [Pipeline("Demo", {|SGW009:ExperimentName = nameof(Register.Name)|})]
            public static partial class Demo;

            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            public sealed class Register
            {
                [OutputParameter] public static readonly string Name = "";
            }
            """);
    }

    // ---- settings that do not apply ---------------------------------------------------------------

    [Fact]
    public void SGW014_job_settings_retry_and_cache_on_lambda_and_callback_steps()
    {
        var diagnostics = Markup.Verify(Src.Demo + $$"""
            [LambdaStep(typeof(Demo), FunctionArn = "{{Arn}}")]
            [{|SGW014:Instance("ml.m5.large")|}]
            [{|SGW014:Retry(RetryOn.ServiceFault, MaxAttempts = 2)|}]
            public sealed class Register;

            [CallbackStep(typeof(Demo), QueueUrl = "{{Queue}}")]
            [{|SGW014:Input(nameof(Demo.InputData), "/opt/ml/processing/input")|}]
            [{|SGW014:Cache("P1D")|}]
            public sealed class Approval;
            """);
        Assert.Contains(diagnostics, d => Src.Message(d) == "[Retry] does not apply to Lambda step 'Register'; it is for steps that run a SageMaker job; SageMaker does not retry a Lambda step");
        Assert.Contains(diagnostics, d => Src.Message(d) == "[Input] does not apply to callback step 'Approval'; it is for processing or training steps");
    }

    [Fact]
    public void Binder_findings_on_fields_of_a_step_class_are_not_lost()
    {
        // Findings the binder makes while reading a step's body and field expressions reach the user (they were
        // once added after the step's findings had been copied).
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [{|SGW009:Join("/", "a", "b")|}] public static readonly int Where;
            }
            """);
    }

    [Fact]
    public void SGW014_StepInput_and_OutputParameter_on_a_job_step()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.m5.large")]
            [{|SGW014:StepInput("a", "b")|}]
            [StepInput("c", "d")]
            public sealed class Train
            {
                [{|SGW014:OutputParameter|}] public static readonly string Result = "";
            }
            """);
        Assert.Equal(
            [
                "[OutputParameter] does not apply to training step 'Train'; it is for Lambda and callback steps",
                "[StepInput] does not apply to training step 'Train'; it is for Lambda and callback steps",
            ],
            diagnostics.Select(Src.Message).Order(StringComparer.Ordinal));
    }
}
