using Microsoft.CodeAnalysis;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>The IAM rules at the exact argument: SGW200, SGW202, SGW205, SGW206, and the checks of the IAM attributes.</summary>
public class IamDiagnosticTests
{
    private const string Train = """
        [TrainingStep(typeof(Demo))]
        [Image(Images.Training), Instance("ml.g4dn.xlarge")]
        public sealed class Train;

        """;

    // ---- SGW200 ----------------------------------------------------------------------------------------

    [Fact]
    public void SGW200_wildcard_action_or_resource_in_a_grant()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant({|SGW200:"dynamodb:*"|}, "arn:aws:dynamodb:us-east-1:123456789012:table/Features")]
            [Grant({|SGW200:"dynamodb:Get?tem"|}, "arn:aws:dynamodb:us-east-1:123456789012:table/Features")]
            [Grant("dynamodb:GetItem", {|SGW200:"arn:aws:dynamodb:us-east-1:123456789012:table/*"|})]
            [Grant("s3:GetObject", "arn:aws:s3:::lake/a.csv", {|SGW200:"*"|})]
            [Grant("iam:PassRole", {|SGW200:"arn:aws:iam::123456789012:role/teams/ml-*"|})]
            public sealed class Prep;
            """);
        Assert.Contains("list the actions the container calls", Src.Message(diagnostics[0]) + Src.Message(diagnostics[1]), StringComparison.Ordinal);
        Assert.All(diagnostics, d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void Grant_arguments_written_by_name_in_another_order_are_each_read_from_their_own_argument()
    {
        // The params resources come first by name: the mistake in action is reported at action only, and the
        // one in resources at resources (each value is read from the expression written for it).
        Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant(resources: "arn:aws:dynamodb:us-east-1:123456789012:table/Features", action: {|SGW009:Demo.Mode|})]
            [Grant(resources: {|SGW009:Demo.OutputPath|}, action: "s3:GetObject")]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW200_is_a_warning_so_the_policy_is_still_written_with_the_grant()
    {
        var iam = IamFiles.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant("dynamodb:Get*", "arn:aws:dynamodb:us-east-1:123456789012:table/Features")]
            public sealed class Prep;
            """);
        Assert.Equal(["dynamodb:Get*"], iam.Actions("Demo-job", "GrantDynamodbGet"));
        Assert.Contains("it contains a wildcard (SGW200)", iam.Report, StringComparison.Ordinal);
    }

    // ---- SGW205 ----------------------------------------------------------------------------------------

    [Fact]
    public void SGW205_PassRole_or_job_creation_on_every_resource()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant("iam:PassRole", {|SGW205:"*"|})]
            [Grant({|SGW200:"iam:*"|}, {|SGW205:"arn:aws:iam::123456789012:role/*"|})]
            [Grant("sagemaker:CreateTrainingJob", {|SGW205:"arn:aws:sagemaker:us-east-1:123456789012:training-job/*"|})]
            [Grant({|SGW200:"sagemaker:Create*"|}, {|SGW205:"*"|})]
            [Grant("sagemaker:CreateTrainingJob", {|SGW200:"arn:aws:sagemaker:us-east-1:123456789012:training-job/nightly-*"|})]
            public sealed class Prep;
            """);
        Assert.Contains("lets the container pass any role", Src.Message(diagnostics.First(d => d.Id == "SGW205")), StringComparison.Ordinal);
        Assert.All(diagnostics.Where(d => d.Id == "SGW205"), d => Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void SGW205_stops_the_files_being_written()
    {
        var output = TestProject.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Grant("iam:PassRole", "*")]
            public sealed class Prep;
            """);
        Assert.DoesNotContain(output.Files().Keys, k => k.StartsWith("Demo/", StringComparison.Ordinal));
    }

    // ---- SGW206 ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("AdministratorAccess")]
    [InlineData("PowerUserAccess")]
    [InlineData("IAMFullAccess")]
    public void SGW206_is_an_error_for_administrator_policies_and_no_files_are_written(string policy)
    {
        var source = Src.WithPipeline("[Pipeline(\"Demo\")]\n[AttachManagedPolicy({|SGW206:\"arn:aws:iam::aws:policy/" + policy + "\"|})]");
        var diagnostics = Markup.Verify(source);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(diagnostics, d => d.Id == "SGW206").Severity);
        var files = TestProject.Generate(Markup.Parse(source).Source).Files();
        Assert.DoesNotContain(files.Keys, k => k.StartsWith("Demo/", StringComparison.Ordinal));
    }

    [Fact]
    public void SGW206_stays_a_warning_for_other_aws_managed_policies()
    {
        var diagnostics = Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\")]\n[AttachManagedPolicy({|SGW206:\"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess\"|})]"));
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(diagnostics, d => d.Id == "SGW206").Severity);
    }

    [Fact]
    public void SGW206_AWS_managed_policy_on_a_step_or_the_pipeline()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\")]\n[AttachManagedPolicy({|SGW206:\"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess\"|})]") + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [AttachManagedPolicy({|SGW206:"arn:aws:iam::aws:policy/AmazonS3FullAccess"|})]
            [AttachManagedPolicy("arn:aws:iam::123456789012:policy/team/FeatureStoreRead")]
            [AttachManagedPolicy({|SGW001:"AmazonS3ReadOnlyAccess"|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void SGW206_is_a_warning_and_the_policy_is_listed_in_roles_json()
    {
        var iam = IamFiles.Generate(Src.WithPipeline("[Pipeline(\"Demo\")]\n[AttachManagedPolicy(\"arn:aws:iam::aws:policy/AmazonSageMakerFullAccess\")]") + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal(["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"], IamFiles.Strings(iam.Role("Demo-pipeline")["managedPolicies"]));
        Assert.Empty(IamFiles.Strings(iam.Role("Demo-job")["managedPolicies"]));
    }

    // ---- SGW202 ----------------------------------------------------------------------------------------

    [Fact]
    public void SGW202_merged_layout_at_the_Roles_argument()
    {
        var diagnostics = Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", {|SGW202:Roles = RoleLayout.Merged|})]") + Train + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;
            """);
        Assert.Contains("Demo-job", Src.Single(diagnostics, "SGW202"), StringComparison.Ordinal);
    }

    [Fact]
    public void SGW202_a_model_step_that_runs_as_a_training_role()
    {
        Markup.Verify(Src.Demo + """
            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [RunAs("ml-shared")]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [RunAs({|SGW202:"ml-shared"|})]
            public sealed class Model;

            [CreateModelStep(typeof(Demo), {|SGW202:RoleArn = "arn:aws:iam::123456789012:role/ml-shared"|})]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model2;
            """);
    }

    [Fact]
    public void SGW202_inference_role_equal_to_the_job_role()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", JobRoleArn = \"arn:aws:iam::123456789012:role/ml\", {|SGW202:InferenceRoleArn = \"arn:aws:iam::123456789012:role/ml\"|})]") + Train + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;
            """);
    }

    [Fact]
    public void Separate_job_and_inference_roles_are_silent()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]") + Train + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;
            """);
    }

    // ---- the attributes' own checks ------------------------------------------------------------------------

    [Fact]
    public void Malformed_roles_actions_and_resources_are_SGW001()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", {|SGW001:InferenceRoleArn = \"ml-serving\"|})]") + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs({|SGW001:"feature jobs"|})]
            [Grant({|SGW001:"GetItem"|}, "arn:aws:dynamodb:us-east-1:123456789012:table/Features")]
            [Grant("dynamodb:GetItem", {|SGW001:"table/Features"|})]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [RunAs({|SGW001:"arn:aws:iam::123:role/x"|})]
            public sealed class Train;
            """);
    }

    [Fact]
    public void IAM_attributes_on_steps_that_run_no_container_or_on_the_pipeline_class_are_SGW014()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\")]\n[{|SGW014:Grant(\"s3:GetObject\", \"arn:aws:s3:::lake/a.csv\")|}]") + """
            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            public sealed class Model;

            [TransformStep(typeof(Demo), Model = typeof(Model))]
            [Instance("ml.m5.xlarge")]
            [TransformInput("s3://my-bucket/score/")]
            [{|SGW014:RunAs("scoring")|}]
            [{|SGW014:Grant("s3:GetObject", "arn:aws:s3:::lake/a.csv")|}]
            [{|SGW014:AttachManagedPolicy("arn:aws:iam::123456789012:policy/Mine")|}]
            public sealed class Score;

            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:f")]
            [{|SGW014:Grant("s3:GetObject", "arn:aws:s3:::lake/a.csv")|}]
            public sealed class Check;
            """);
    }

    [Fact]
    public void Role_settings_that_contradict_the_layout_are_SGW015_and_roles_of_another_account_SGW018()
    {
        Markup.Verify(Src.WithPipeline("""
            [Pipeline("Demo", Roles = RoleLayout.PerStep, {|SGW015:JobRoleArn = "arn:aws:iam::123456789012:role/ml"|},
                {|SGW018:RoleArn = "arn:aws:iam::999999999999:role/pipeline"|})]
            """) + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs({|SGW018:"arn:aws-cn:iam::123456789012:role/x"|})]
            public sealed class Prep;
            """);
    }

    [Fact]
    public void Two_role_ARNs_with_the_same_name_are_SGW001()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs("feature-jobs")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs({|SGW001:"arn:aws:iam::123456789012:role/teams/Feature-Jobs"|})]
            public sealed class Prep2;
            """);
        Assert.Contains("IAM role names are unique in an account", Src.Single(diagnostics, "SGW001"), StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_role_layout_is_SGW007()
    {
        Markup.Verify(Src.WithPipeline("[Pipeline(\"Demo\", {|SGW007:Roles = (RoleLayout)7|})]") + Train);
    }

    [Fact]
    public void Model_role_set_twice_is_SGW011()
    {
        Markup.Verify(Src.Demo + """
            [CreateModelStep(typeof(Demo), RoleArn = "arn:aws:iam::123456789012:role/serving")]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [{|SGW015:RunAs("serving")|}]
            public sealed class Model;
            """);
    }

    [Fact]
    public void Run_time_S3_location_without_Within_is_SGW011_at_the_argument_that_uses_it()
    {
        var diagnostics = Markup.Verify(Src.Demo + """
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:find")]
            public sealed class Find
            {
                [OutputParameter] public static readonly string Partition = "";
                [OutputParameter] public static readonly string Bucket = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [Input({|SGW011:nameof(Find.Partition)|}, "/opt/ml/processing/input")]
            public sealed class Prep
            {
                [Join("", "s3://", nameof(Find.Bucket), "/out")] public static readonly string Where = "";
                [Output("/opt/ml/processing/output", {|SGW011:Destination = nameof(Where)|})] public const string Out = "out";
            }
            """);
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("output parameter 'Partition' of step 'Find'", StringComparison.Ordinal)
            && Src.Message(d).Contains("add [Within(\"s3://<bucket>/<prefix>/\")]", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => Src.Message(d).Contains("the S3 bucket is known only at run time", StringComparison.Ordinal));
    }

    [Fact]
    public void Within_must_be_an_S3_URI_on_a_run_time_value()
    {
        Markup.Verify(Src.Demo + """
            [LambdaStep(typeof(Demo), FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:find")]
            public sealed class Find
            {
                [OutputParameter, Within({|SGW005:"lake/events/"|})] public static readonly string Partition = "";
            }

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep
            {
                [Join("/", "s3://my-bucket/x", "y"), {|SGW009:Within("s3://my-bucket/x/")|}] public static readonly string Where = "";
            }
            """);
    }
}
