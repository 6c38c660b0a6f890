using System.Text.Json.Nodes;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Conformance;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Generator;

/// <summary>The JSON of Lambda and callback steps (SDK <c>workflow/lambda_step.py</c> and <c>callback_step.py</c>:
/// Arguments are the inputs, then FunctionArn or SqsQueueUrl and OutputParameters), and references to their
/// output parameters.</summary>
public class LambdaCallbackTests
{
    private const string Steps = """
        [ProcessingStep(typeof(Demo))]
        [Image(Images.Processing), Instance("ml.m5.large")]
        public sealed class Prep
        {
            [Output("/opt/ml/processing/output")] public const string Data = "data";
        }

        [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:register-model", TimeoutSeconds = 300,
            DisplayName = "Register", Description = "Registers the model")]
        [StepInput("data_uri", nameof(Prep.Data))]
        [StepInput("mode", nameof(Demo.Mode))]
        [StepInput("execution", nameof(Execution.PipelineExecutionId))]
        [StepInput("label", "fraud")]
        [StepInput("threshold", 0.5)]
        [StepInput("batch", 32)]
        [StepInput("dry_run", false)]
        public sealed class Register
        {
            [OutputParameter] public static readonly string ModelName = "";
            [OutputParameter(Name = "version")] public static readonly int Version;
            [OutputParameter] public static readonly double Score;
            [OutputParameter] public static readonly bool Approved;
        }

        [CallbackStep(typeof(Demo), QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/approvals")]
        [StepInput("model", nameof(Register.ModelName))]
        [StepInput("version", nameof(Register.Version))]
        public sealed class Approval
        {
            [OutputParameter] public static readonly string Ticket = "";
        }

        """;

    [Fact]
    public void A_lambda_step_emits_inputs_function_arn_output_parameters_and_timeout()
    {
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + Steps).Definition())!;
        var step = definition["Steps"]!.AsArray().Single(s => (string?)s!["Name"] == "Register");
        JsonAssert.Equal(JsonNode.Parse("""
            {
              "Name": "Register",
              "Type": "Lambda",
              "Arguments": {
                "data_uri": { "Get": "Steps.Prep.ProcessingOutputConfig.Outputs['data'].S3Output.S3Uri" },
                "mode": { "Get": "Parameters.Mode" },
                "execution": { "Get": "Execution.PipelineExecutionId" },
                "label": "fraud",
                "threshold": 0.5,
                "batch": 32,
                "dry_run": false
              },
              "DisplayName": "Register",
              "Description": "Registers the model",
              "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:register-model",
              "OutputParameters": [
                { "OutputName": "ModelName", "OutputType": "String" },
                { "OutputName": "version", "OutputType": "Integer" },
                { "OutputName": "Score", "OutputType": "Float" },
                { "OutputName": "Approved", "OutputType": "Boolean" }
              ],
              "TimeoutSeconds": 300
            }
            """), step);
    }

    [Fact]
    public void A_callback_step_emits_inputs_queue_url_and_output_parameters_and_reads_lambda_outputs()
    {
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + Steps).Definition())!;
        var steps = definition["Steps"]!.AsArray();
        var step = steps.Single(s => (string?)s!["Name"] == "Approval");
        JsonAssert.Equal(JsonNode.Parse("""
            {
              "Name": "Approval",
              "Type": "Callback",
              "Arguments": {
                "model": { "Get": "Steps.Register.OutputParameters['ModelName']" },
                "version": { "Get": "Steps.Register.OutputParameters['version']" }
              },
              "SqsQueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
              "OutputParameters": [ { "OutputName": "Ticket", "OutputType": "String" } ]
            }
            """), step);

        // Data flow orders the steps: Prep → Register → Approval.
        Assert.Equal(["Prep", "Register", "Approval"], steps.Select(s => (string?)s!["Name"]));
    }

    [Fact]
    public void A_lambda_step_without_inputs_or_outputs_has_empty_arguments_and_output_parameters_and_no_timeout()
    {
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + """
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:notify:prod")]
            public sealed class Notify;
            """).Definition())!;
        JsonAssert.Equal(JsonNode.Parse("""
            {
              "Name": "Notify",
              "Type": "Lambda",
              "Arguments": {},
              "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:notify:prod",
              "OutputParameters": []
            }
            """), definition["Steps"]![0]);
    }

    [Fact]
    public void Output_parameters_feed_job_settings_conditions_and_join()
    {
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + Steps + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Environment("MODEL", nameof(Register.ModelName))]
            [ContainerArguments("--ticket", nameof(Approval.Ticket))]
            public sealed class Report
            {
                [Join("/", "s3://my-bucket/reports", nameof(Register.ModelName))] public static readonly string Where = "";
                [Output("/opt/ml/processing/output", Destination = nameof(Where))] public const string Out = "out";
            }

            [ConditionStep(typeof(Demo))]
            [GreaterThanOrEqualTo(nameof(Register.Score), 0.8)]
            [EqualTo(nameof(Register.Approved), true)]
            [EqualTo(nameof(Register.Version), nameof(Demo.Epochs))]
            [IfSteps(typeof(Report))]
            public sealed class Check;
            """).Definition())!;
        var check = definition["Steps"]!.AsArray().Single(s => (string?)s!["Name"] == "Check")!;
        JsonAssert.Equal(JsonNode.Parse("""
            [
              { "Type": "GreaterThanOrEqualTo", "LeftValue": { "Get": "Steps.Register.OutputParameters['Score']" }, "RightValue": 0.8 },
              { "Type": "Equals", "LeftValue": { "Get": "Steps.Register.OutputParameters['Approved']" }, "RightValue": true },
              { "Type": "Equals", "LeftValue": { "Get": "Steps.Register.OutputParameters['version']" }, "RightValue": { "Get": "Parameters.Epochs" } }
            ]
            """), check["Arguments"]!["Conditions"]);

        var report = check["Arguments"]!["IfSteps"]![0]!;
        JsonAssert.Equal(JsonNode.Parse("""{ "MODEL": { "Get": "Steps.Register.OutputParameters['ModelName']" } }"""), report["Arguments"]!["Environment"]);
        JsonAssert.Equal(JsonNode.Parse("""["--ticket", { "Get": "Steps.Approval.OutputParameters['Ticket']" }]"""),
            report["Arguments"]!["AppSpecification"]!["ContainerArguments"]);
        JsonAssert.Equal(JsonNode.Parse("""
            { "Std:Join": { "On": "/", "Values": [ "s3://my-bucket/reports", { "Get": "Steps.Register.OutputParameters['ModelName']" } ] } }
            """), report["Arguments"]!["ProcessingOutputConfig"]!["Outputs"]![0]!["S3Output"]!["S3Uri"]);
    }

    [Fact]
    public void Lambda_and_callback_steps_conform()
    {
        var json = TestProject.Generate(Src.Demo + Steps).Definition();
        Assert.Empty(PipelineConformance.Check(json));
    }

    [Fact]
    public void A_dependency_on_a_lambda_step_from_DependsOn_is_listed()
    {
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + Steps + """
            [CallbackStep(typeof(Demo), QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/done.fifo")]
            [DependsOn(typeof(Approval))]
            public sealed class Done;
            """).Definition())!;
        var done = definition["Steps"]!.AsArray().Single(s => (string?)s!["Name"] == "Done")!;
        JsonAssert.Equal(JsonNode.Parse("""["Approval"]"""), done["DependsOn"]);
    }

    [Fact]
    public void The_conformance_checker_fails_broken_lambda_and_callback_steps()
    {
        // Proves Lambda_and_callback_steps_conform can fail.
        var definition = JsonNode.Parse(TestProject.Generate(Src.Demo + Steps).Definition())!.AsObject();
        var steps = definition["Steps"]!.AsArray();
        var register = steps.Single(s => (string?)s!["Name"] == "Register")!.AsObject();
        var approval = steps.Single(s => (string?)s!["Name"] == "Approval")!.AsObject();
        register["FunctionArn"] = "arn:aws:lambda:us-east-1:123456789012:register-model";
        register["TimeoutSeconds"] = 901;
        register["Arguments"]!["nested"] = new JsonObject { ["a"] = 1 };
        register["OutputParameters"]![1]!["OutputType"] = "Number";
        register["OutputParameters"]![2]!["OutputName"] = "ModelName";
        approval.Remove("SqsQueueUrl");
        approval["QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/approvals";
        approval["TimeoutSeconds"] = 10;

        var problems = PipelineConformance.Check(definition.ToJsonString());
        Assert.Equal(
            [
                "$.Steps[1].Arguments.nested: expected a string, number, boolean or expression, found an object",
                "$.Steps[1].OutputParameters[1].OutputType: expected one of String, Integer, Boolean, Float, found string 'Number'",
                "$.Steps[1].OutputParameters[2].OutputName: output name 'ModelName' is used twice",
                "$.Steps[1].FunctionArn: expected a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>), found string 'arn:aws:lambda:us-east-1:123456789012:register-model'",
                "$.Steps[1].TimeoutSeconds: expected an integer from 1 to 900, found number 901",
                "$.Steps[2].QueueUrl: unknown member of the step (known: Name, Type, Arguments, SqsQueueUrl, DependsOn, DisplayName, Description, RetryPolicies, CacheConfig, PropertyFiles, OutputParameters)",
                "$.Steps[2].TimeoutSeconds: unknown member of the step (known: Name, Type, Arguments, SqsQueueUrl, DependsOn, DisplayName, Description, RetryPolicies, CacheConfig, PropertyFiles, OutputParameters)",
                "$.Steps[2].SqsQueueUrl: required member of the step is missing",
            ],
            problems);
    }

    [Fact]
    public void An_unknown_step_type_is_still_reported()
    {
        var step = JsonNode.Parse("""{ "Name": "X", "Type": "Lambada", "Arguments": {} }""");
        var problem = Assert.Single(PipelineConformance.CheckStep(step));
        Assert.StartsWith("$.Type: unknown step type 'Lambada'", problem, StringComparison.Ordinal);
        Assert.Contains("Lambda, Callback", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_parameter_fields_as_documented_compile_without_warnings()
    {
        // Projects build with TreatWarningsAsErrors: an unassigned public static readonly field must not warn (CS0649).
        var warnings = TestProject.Compilation(Src.Demo + Steps).GetDiagnostics()
            .Where(d => d.Severity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.Empty(warnings);
    }

    [Fact]
    public void Lambda_and_callback_steps_are_cached_and_a_real_edit_modifies_only_their_own_provider()
    {
        var compilation = TestProject.Compilation(Src.Demo + Steps);
        var driver = TestProject.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single().TrackedSteps;
        Assert.NotEmpty(first[Compiler.Generator.TrackingNames.LambdaSteps].SelectMany(r => r.Outputs));
        Assert.NotEmpty(first[Compiler.Generator.TrackingNames.CallbackSteps].SelectMany(r => r.Outputs));

        // A clone binds to equal models: nothing is modified.
        var again = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single().TrackedSteps;
        foreach (var name in new[] { Compiler.Generator.TrackingNames.LambdaSteps, Compiler.Generator.TrackingNames.CallbackSteps, Compiler.Generator.TrackingNames.AllSteps })
        {
            Assert.All(again[name].SelectMany(r => r.Outputs), o => Assert.True(o.Reason is Microsoft.CodeAnalysis.IncrementalStepRunReason.Cached or Microsoft.CodeAnalysis.IncrementalStepRunReason.Unchanged, name + ": " + o.Reason));
        }

        // Changing the timeout changes the Lambda step's model only.
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            tree.GetText().ToString().Replace("TimeoutSeconds = 300", "TimeoutSeconds = 600", StringComparison.Ordinal))));
        var changed = driver.RunGenerators(edited).GetRunResult().Results.Single().TrackedSteps;
        Assert.Contains(changed[Compiler.Generator.TrackingNames.LambdaSteps].SelectMany(r => r.Outputs), o => o.Reason == Microsoft.CodeAnalysis.IncrementalStepRunReason.Modified);
        Assert.DoesNotContain(changed[Compiler.Generator.TrackingNames.CallbackSteps].SelectMany(r => r.Outputs), o => o.Reason == Microsoft.CodeAnalysis.IncrementalStepRunReason.Modified);
    }
}
