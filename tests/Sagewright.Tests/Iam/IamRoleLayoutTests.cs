using Sagewright.Model.Iam;
using Sagewright.Tests.Analyzers;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Iam;

/// <summary>Which roles a pipeline gets (layouts, existing ARNs, [RunAs]), their names, and that the definition runs
/// every step as the role whose policy Sagewright wrote for it.</summary>
public class IamRoleLayoutTests
{
    private static readonly string Steps = IamSrc.PrepFeedsTrain("[ModelOutput(\"s3://my-bucket/models/\")]") + "\n" + IamSrc.ModelAndTransform();

    private static string WithPipeline(string pipelineAttribute) => Src.WithPipeline(pipelineAttribute) + Steps;

    /// <summary>Every role ARN in pipeline.json and create-pipeline.json is a role of roles.json, and every role of
    /// roles.json is used by the definition (so the policies written are the ones that run).</summary>
    private static void AssertDefinitionUsesTheRoles(IamFiles iam)
    {
        var roles = iam.RoleEntries.Select(r => (string)r["arn"]!).ToHashSet(StringComparer.Ordinal);
        var used = iam.DefinitionRoleArns();
        Assert.All(used, u => Assert.Contains(u.Value, roles));
        Assert.Equal(roles.Order(StringComparer.Ordinal), used.Values.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal((string)iam.RoleEntries.First()["arn"]!, used["(pipeline)"]);
        Assert.Equal("pipeline", (string)iam.RoleEntries.First()["kind"]!);
    }

    [Fact]
    public void Shared_layout_has_a_pipeline_a_job_and_an_inference_role()
    {
        var iam = IamFiles.Generate(Src.Demo + Steps);
        Assert.Equal(["Demo-pipeline", "Demo-inference", "Demo-job"], iam.RoleNames);
        Assert.Equal(["pipeline", "inference", "job"], iam.RoleEntries.Select(r => (string)r["kind"]!));
        var arns = iam.DefinitionRoleArns();
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-pipeline", arns["(pipeline)"]);
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-job", arns["Prep"]);
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-job", arns["Train"]);
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-inference", arns["Model"]);
        Assert.Equal(["Prep", "Train"], IamFiles.Strings(iam.Role("Demo-job")["usedBy"]));
        Assert.Equal(["Model", "Prep", "Score", "Train"], IamFiles.Strings(iam.Role("Demo-pipeline")["usedBy"]));
        Assert.Equal("Demo-job.policy.json", (string)iam.Role("Demo-job")["policy"]!);
        Assert.Equal("Demo-job.trust.json", (string)iam.Role("Demo-job")["trust"]!);
        AssertDefinitionUsesTheRoles(iam);
    }

    [Fact]
    public void Per_step_layout_gives_each_job_and_model_its_own_role_so_a_job_cannot_write_where_another_writes()
    {
        var iam = IamFiles.Generate(WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]"));
        Assert.Equal(["Demo-pipeline", "Demo-Model", "Demo-Prep", "Demo-Train"], iam.RoleNames);
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-Train", iam.DefinitionRoleArns()["Train"]);
        AssertDefinitionUsesTheRoles(iam);

        Assert.True(iam.Allows("Demo-Prep", "s3:PutObject", "arn:aws:s3:::my-bucket/prep/train/part-00000.csv"));
        Assert.False(iam.Allows("Demo-Train", "s3:PutObject", "arn:aws:s3:::my-bucket/prep/train/part-00000.csv"));
        Assert.True(iam.Allows("Demo-Train", "s3:GetObject", "arn:aws:s3:::my-bucket/prep/train/part-00000.csv"));
        Assert.True(iam.Allows("Demo-Train", "s3:PutObject", "arn:aws:s3:::my-bucket/models/pipelines-x/output/model.tar.gz"));
        Assert.False(iam.Allows("Demo-Prep", "s3:PutObject", "arn:aws:s3:::my-bucket/models/pipelines-x/output/model.tar.gz"));
        Assert.False(iam.Allows("Demo-Prep", "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:763104351884:repository/pytorch-training"));
        Assert.Equal(["Model", "Score"], IamFiles.Strings(iam.Role("Demo-Model")["usedBy"]));
        Assert.Equal(
            ["arn:aws:iam::123456789012:role/Demo-Model", "arn:aws:iam::123456789012:role/Demo-Prep", "arn:aws:iam::123456789012:role/Demo-Train"],
            iam.Resources("Demo-pipeline", "PassRolesToSageMaker"));
    }

    [Fact]
    public void Merged_layout_runs_models_as_the_job_role()
    {
        var iam = IamFiles.Generate(WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.Merged)]"));
        Assert.Equal(["Demo-pipeline", "Demo-job"], iam.RoleNames);
        Assert.Equal("job", (string)iam.Role("Demo-job")["kind"]!);
        Assert.Equal(["Model", "Prep", "Score", "Train"], IamFiles.Strings(iam.Role("Demo-job")["usedBy"]));
        AssertDefinitionUsesTheRoles(iam);
    }

    [Fact]
    public void Existing_role_ARNs_are_used_and_still_get_policies_named_after_the_role()
    {
        var iam = IamFiles.Generate(WithPipeline("""
            [Pipeline("Demo", RoleArn = "arn:aws:iam::123456789012:role/service-role/ml-pipeline", JobRoleArn = "arn:aws:iam::123456789012:role/ml-jobs",
                InferenceRoleArn = "arn:aws:iam::123456789012:role/ml-serving")]
            """));
        Assert.Equal(["ml-pipeline", "ml-jobs", "ml-serving"], iam.RoleNames);
        Assert.Equal("arn:aws:iam::123456789012:role/service-role/ml-pipeline", (string)iam.Role("ml-pipeline")["arn"]!);
        Assert.Equal("ml-pipeline.policy.json", (string)iam.Role("ml-pipeline")["policy"]!);
        Assert.True(iam.All.ContainsKey("Demo/iam/ml-pipeline.policy.json"));
        Assert.True(iam.All.ContainsKey("Demo/iam/ml-serving.trust.json"));
        Assert.Contains("arn:aws:iam::123456789012:role/ml-serving", iam.Resources("ml-pipeline", "PassRolesToSageMaker"));
        AssertDefinitionUsesTheRoles(iam);
    }

    [Fact]
    public void RunAs_picks_a_role_by_name_or_ARN_and_steps_that_name_the_same_role_share_it()
    {
        var iam = IamFiles.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs("feature-jobs")]
            public sealed class Prep;

            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs("arn:aws:iam::123456789012:role/teams/feature-etl")]
            public sealed class Prep2;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            public sealed class Train;

            [CreateModelStep(typeof(Demo))]
            [Image("123456789012.dkr.ecr.us-east-1.amazonaws.com/serve:1.0")]
            [RunAs("serving")]
            public sealed class Model;
            """);
        var arns = iam.DefinitionRoleArns();
        Assert.Equal("arn:aws:iam::123456789012:role/feature-jobs", arns["Prep"]);
        Assert.Equal("arn:aws:iam::123456789012:role/teams/feature-etl", arns["Prep2"]);
        Assert.Equal("arn:aws:iam::123456789012:role/teams/feature-etl", (string)iam.Role("feature-etl")["arn"]!);
        Assert.Equal("arn:aws:iam::123456789012:role/Demo-job", arns["Train"]);
        Assert.Equal("arn:aws:iam::123456789012:role/serving", arns["Model"]);
        Assert.Equal("inference", (string)iam.Role("serving")["kind"]!);
    }

    [Fact]
    public void Steps_that_name_the_same_role_share_it()
    {
        var iam = IamFiles.Generate(Src.Demo + """
            [ProcessingStep(typeof(Demo))]
            [Image(Images.Processing), Instance("ml.m5.large")]
            [RunAs("feature-jobs")]
            public sealed class Prep;

            [TrainingStep(typeof(Demo))]
            [Image(Images.Training), Instance("ml.g4dn.xlarge")]
            [RunAs("feature-jobs")]
            public sealed class Train;
            """);
        Assert.Equal(["Demo-pipeline", "feature-jobs"], iam.RoleNames);
        Assert.Equal(["Prep", "Train"], IamFiles.Strings(iam.Role("feature-jobs")["usedBy"]));
        AssertDefinitionUsesTheRoles(iam);
    }

    [Fact]
    public void Long_pipeline_names_give_role_names_within_IAMs_limit_with_a_stable_hash()
    {
        var name = "Fraud-" + new string('x', 60) + "-Detection";
        var iam = IamFiles.Generate(WithPipeline("[Pipeline(\"" + name + "\")]"), pipeline: name);
        var roles = iam.RoleNames.ToList();
        Assert.Equal(3, roles.Count);
        Assert.All(roles, r => Assert.InRange(r.Length, 1, IamNames.MaxRoleNameLength));
        Assert.All(roles, r => Assert.Matches("^Fraud-x+-[0-9a-f]{8}$", r));
        Assert.Equal(3, roles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(IamNames.DefaultRoleName(name, "pipeline"), roles[0]);
        Assert.Equal("arn:aws:iam::123456789012:role/" + roles[0], iam.DefinitionRoleArns()["(pipeline)"]);
        AssertDefinitionUsesTheRoles(iam);
    }

    [Fact]
    public void Default_role_names_are_kept_when_short_and_hashed_when_long()
    {
        Assert.Equal("FraudDetection-job", IamNames.DefaultRoleName("FraudDetection", "job"));
        var longName = new string('a', 64);
        var hashed = IamNames.DefaultRoleName(longName, "pipeline");
        Assert.Equal(64, hashed.Length);
        Assert.Equal(new string('a', 55) + "-" + IamNames.Hash8(longName + "-pipeline"), hashed);
        Assert.NotEqual(hashed, IamNames.DefaultRoleName(longName, "inference"));
        Assert.Equal(hashed, IamNames.DefaultRoleName(longName, "pipeline"));
        Assert.Equal("ba7816bf", IamNames.Hash8("abc")); // SHA-256("abc") = ba7816bf 8f01cfea …
    }

    [Fact]
    public void A_step_whose_role_name_would_clash_with_the_pipeline_role_gets_a_distinct_name()
    {
        var iam = IamFiles.Generate(Src.WithPipeline("[Pipeline(\"Demo\", Roles = RoleLayout.PerStep)]") + """
            [ProcessingStep(typeof(Demo), Name = "pipeline")]
            [Image(Images.Processing), Instance("ml.m5.large")]
            public sealed class Prep;
            """);
        Assert.Equal(["Demo-pipeline", "Demo-pipeline-2"], iam.RoleNames);
        AssertDefinitionUsesTheRoles(iam);
    }
}
