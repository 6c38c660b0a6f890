using Xunit.Abstractions;

namespace Sagewright.Tests.Iam;

/// <summary>Runs the oracle once (one simulator process, one reference-data process) over FraudDetection's probes
/// against the hand-written fixtures.</summary>
public sealed class OracleFixtureRun
{
    private readonly Lazy<(OracleSample Sample, OracleReport LeastPrivilege, OracleReport Flawed, OracleReport Handwritten)> _run = new(() =>
    {
        var sample = Assert.Single(OracleSample.Load("FraudDetection"));
        var reports = OracleJudge.Judge([
            sample.Fixture("FraudDetection-least-privilege"),
            sample.Fixture("FraudDetection-flawed"),
            sample.Handwritten("FraudDetection-handwritten.policy.json"),
        ]);
        return (sample, reports[0], reports[1], reports[2]);
    });

    public OracleSample Sample => _run.Value.Sample;

    public OracleReport LeastPrivilege => _run.Value.LeastPrivilege;

    public OracleReport Flawed => _run.Value.Flawed;

    public OracleReport Handwritten => _run.Value.Handwritten;
}

/// <summary>
/// The oracle's own plumbing, proven on fixtures while it judges nothing Sagewright made: a hand-written
/// least-privilege policy set for FraudDetection passes every check, and each flaw planted in a copy of it is
/// reported. If these fail, the oracle (not the generated policies) is wrong.
/// </summary>
[Trait("Category", "Slow")]
public class OracleFixtureTests(OracleFixtureRun run, ITestOutputHelper output) : IClassFixture<OracleFixtureRun>
{
    [OracleFact]
    public void The_probes_are_what_FraudDetection_does_at_run_time()
    {
        var needed = run.Sample.Probes.Needed.Select(p => $"{p.RoleName} {p.Action} {p.Resource} {p.ContextText}".TrimEnd()).ToHashSet();
        output.WriteLine(string.Join("\n", needed.Order(StringComparer.Ordinal)));

        const string job = "pipelines-a1b2c3d4e5f6-Training-Xq7Lm2Pa9K";
        const string DataKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        string[] expected =
        [
            "FraudDetection-pipeline sagemaker:CreateProcessingJob arn:aws:sagemaker:us-east-1:123456789012:processing-job/pipelines-a1b2c3d4e5f6-preprocessing-xq7lm2pa9k",
            $"FraudDetection-pipeline sagemaker:StopTrainingJob arn:aws:sagemaker:us-east-1:123456789012:training-job/{job.ToLowerInvariant()}",
            "FraudDetection-pipeline iam:PassRole arn:aws:iam::123456789012:role/FraudDetection-job {iam:PassedToService=sagemaker.amazonaws.com}",
            "FraudDetection-pipeline sagemaker:CreateModelPackage arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1 {sagemaker:ModelApprovalStatus=PendingManualApproval}",
            "FraudDetection-pipeline sagemaker:AddTags arn:aws:sagemaker:us-east-1:123456789012:model-package/fraud-detection/1",
            "FraudDetection-pipeline s3:GetObject arn:aws:s3:::my-bucket/FraudDetection/a1b2c3d4e5f6/Evaluation/output/evaluation/evaluation.json",
            "FraudDetection-job s3:GetObject arn:aws:s3:::my-bucket/raw-data/part-00000.csv",
            "FraudDetection-job s3:ListBucket arn:aws:s3:::my-bucket {s3:prefix=raw-data/}",
            "FraudDetection-job s3:GetObject arn:aws:s3:::my-bucket/processed/train/a1b2c3d4e5f6/part-00000.csv",
            $"FraudDetection-job s3:GetObject arn:aws:s3:::my-bucket/models/{job}/output/model.tar.gz",
            $"FraudDetection-job s3:PutObject arn:aws:s3:::my-bucket/models/{job}/output/model.tar.gz",
            "FraudDetection-job s3:PutObject arn:aws:s3:::my-bucket/FraudDetection/a1b2c3d4e5f6/Evaluation/output/evaluation/evaluation.json",
            "FraudDetection-job s3:DeleteObject arn:aws:s3:::my-bucket/checkpoints/a1b2c3d4e5f6/checkpoint-1.pt",
            "FraudDetection-job s3:ListBucket arn:aws:s3:::my-bucket {s3:prefix=checkpoints/a1b2c3d4e5f6}",
            "FraudDetection-job ecr:BatchGetImage arn:aws:ecr:us-east-1:683313688378:repository/sagemaker-scikit-learn",
            "FraudDetection-job ecr:GetDownloadUrlForLayer arn:aws:ecr:us-east-1:763104351884:repository/pytorch-training",
            "FraudDetection-job ecr:GetAuthorizationToken *",
            "FraudDetection-job logs:PutLogEvents arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs:log-stream:" + job + "/algo-1-1700000000",
            "FraudDetection-job cloudwatch:PutMetricData * {cloudwatch:namespace=/aws/sagemaker/ProcessingJobs}",
            $"FraudDetection-job kms:GenerateDataKey {DataKey} {{kms:ViaService=s3.us-east-1.amazonaws.com}}",
            $"FraudDetection-job kms:Encrypt {DataKey}",
            $"FraudDetection-job kms:CreateGrant {DataKey} {{kms:GrantIsForAWSResource=true}}",
            // The pipeline role reads the property file, which Evaluation wrote encrypted with the data key.
            $"FraudDetection-pipeline kms:Decrypt {DataKey} {{kms:ViaService=s3.us-east-1.amazonaws.com}}",
        ];
        Assert.All(expected, e => Assert.Contains(e, needed));

        // The code a job runs is read from where the definition says it was uploaded.
        Assert.Contains(needed, n => n.StartsWith("FraudDetection-job s3:GetObject arn:aws:s3:::my-bucket/FraudDetection/code/", StringComparison.Ordinal) && n.EndsWith("/sourcedir.tar.gz", StringComparison.Ordinal));
        // The registered model's inference image is pulled by whoever deploys it, not by a pipeline role.
        Assert.DoesNotContain(needed, n => n.Contains("pytorch-inference", StringComparison.Ordinal));
        Assert.Empty(run.Sample.Probes.Notes);
    }

    [OracleFact]
    public void The_oracle_understood_every_probe()
    {
        foreach (var report in new[] { run.LeastPrivilege, run.Flawed, run.Handwritten })
        {
            Assert.True(report.Of(FindingKind.ProbeError).IsEmpty, report.Describe(FindingKind.ProbeError));
        }
    }

    [OracleFact]
    public void A_least_privilege_policy_set_allows_every_needed_request()
    {
        output.WriteLine(run.LeastPrivilege.Summary);
        Assert.True(run.LeastPrivilege.Of(FindingKind.NeededDenied).IsEmpty, run.LeastPrivilege.Describe(FindingKind.NeededDenied));
        Assert.True(run.LeastPrivilege.NeededTotal > 50, $"only {run.LeastPrivilege.NeededTotal} needed requests were derived");
    }

    [OracleFact]
    public void A_least_privilege_policy_set_denies_every_neighbour()
    {
        output.WriteLine(run.LeastPrivilege.Summary);
        Assert.True(run.LeastPrivilege.Of(FindingKind.NeighbourAllowed).IsEmpty, run.LeastPrivilege.Describe(FindingKind.NeighbourAllowed));
        Assert.True(run.LeastPrivilege.NeighboursTotal > 50, $"only {run.LeastPrivilege.NeighboursTotal} neighbours were derived");
    }

    [OracleFact]
    public void A_least_privilege_policy_set_passes_the_statement_and_role_checks()
    {
        Assert.True(run.LeastPrivilege.Of(FindingKind.Statement).IsEmpty, run.LeastPrivilege.Describe(FindingKind.Statement));
        Assert.True(run.LeastPrivilege.Of(FindingKind.Roles).IsEmpty, run.LeastPrivilege.Describe(FindingKind.Roles));
    }

    /// <summary>Each flaw planted in FraudDetection-flawed, and the evidence its finding must carry.</summary>
    private static readonly Dictionary<string, (FindingKind Kind, string[] Evidence)> FlawTable = new()
    {
        ["job creation without the pipelines- prefix"] = (FindingKind.NeighbourAllowed,
            ["FraudDetection-pipeline: sagemaker:CreateTrainingJob on arn:aws:sagemaker:us-east-1:123456789012:training-job/my-own-training-job", "Allowed by RunTrainingJobs"]),
        ["PassRole on *"] = (FindingKind.Statement, ["FraudDetection-pipeline.policy.json statement PassJobRole: iam:PassRole on \"*\""]),
        ["PassRole of another role"] = (FindingKind.NeighbourAllowed, ["FraudDetection-pipeline: iam:PassRole on arn:aws:iam::123456789012:role/Admin", "Allowed by PassJobRole"]),
        ["PassRole to another service"] = (FindingKind.NeighbourAllowed, ["FraudDetection-pipeline: iam:PassRole on arn:aws:iam::123456789012:role/FraudDetection-job with {iam:PassedToService=ec2.amazonaws.com}"]),
        ["registration as Approved"] = (FindingKind.NeighbourAllowed, ["sagemaker:CreateModelPackage", "{sagemaker:ModelApprovalStatus=Approved}", "Allowed by RegisterForManualApproval"]),
        ["property file on the bucket ARN (format)"] = (FindingKind.Statement,
            ["FraudDetection-pipeline.policy.json statement ReadEvaluationPropertyFile: arn:aws:s3:::my-bucket matches none of s3:GetObject's ARN formats"]),
        ["property file on the bucket ARN (denied)"] = (FindingKind.NeededDenied,
            ["FraudDetection-pipeline: s3:GetObject on arn:aws:s3:::my-bucket/FraudDetection/a1b2c3d4e5f6/Evaluation/output/evaluation/evaluation.json", "ImplicitlyDenied"]),
        ["raw-data* reaches the prefix next door"] = (FindingKind.NeighbourAllowed, ["FraudDetection-job: s3:GetObject on arn:aws:s3:::my-bucket/raw-data-old/part-00000.csv", "Allowed by ReadInputs"]),
        ["listing without s3:prefix"] = (FindingKind.NeighbourAllowed, ["FraudDetection-job: s3:ListBucket on arn:aws:s3:::my-bucket with {s3:prefix=}", "Allowed by ListInputs"]),
        ["writes to the input"] = (FindingKind.NeighbourAllowed, ["FraudDetection-job: s3:PutObject on arn:aws:s3:::my-bucket/raw-data/part-00000.csv", "Allowed by WriteOutputs"]),
        ["checkpoints without DeleteObject"] = (FindingKind.NeededDenied, ["FraudDetection-job: s3:DeleteObject on arn:aws:s3:::my-bucket/checkpoints/a1b2c3d4e5f6/checkpoint-1.pt"]),
        ["ECR on *"] = (FindingKind.Statement, ["FraudDetection-job.policy.json statement PullImages: ecr:BatchGetImage on \"*\", but the action takes resources"]),
        ["another ECR repository"] = (FindingKind.NeighbourAllowed, ["FraudDetection-job: ecr:BatchGetImage on arn:aws:ecr:us-east-1:683313688378:repository/unrelated-repository", "Allowed by PullImages"]),
        ["logs on arn:aws:logs:*:*:*"] = (FindingKind.Statement,
            ["FraudDetection-job.policy.json statement JobLogStreams: arn:aws:logs:*:*:* has a wildcard in its partition, service, region or account"]),
        ["logs in another region"] = (FindingKind.NeighbourAllowed,
            ["FraudDetection-job: logs:PutLogEvents on arn:aws:logs:us-west-2:123456789012:log-group:/aws/sagemaker/ProcessingJobs:log-stream:", "Allowed by JobLogStreams"]),
        ["a wildcard Sid that does not say so"] = (FindingKind.Statement, ["FraudDetection-job.policy.json statement JobMetrics: the resource is \"*\"", "the Sid does not say so"]),
        ["metrics in any namespace"] = (FindingKind.NeighbourAllowed, ["cloudwatch:PutMetricData on * with {cloudwatch:namespace=AWS/EC2}", "Allowed by JobMetrics"]),
        ["a misspelled action"] = (FindingKind.Statement, ["FraudDetection-job.policy.json statement ReadCode: action s3:GetObjects does not exist"]),
        ["a condition key the action does not have"] = (FindingKind.Statement,
            ["FraudDetection-job.policy.json statement ReadModels: condition key s3:prefix is not defined for s3:GetObject"]),
        ["the model artifacts made unreadable by that condition"] = (FindingKind.NeededDenied,
            ["FraudDetection-job: s3:GetObject on arn:aws:s3:::my-bucket/models/pipelines-a1b2c3d4e5f6-Training-Xq7Lm2Pa9K/output/model.tar.gz",
             "ReadModels: condition StringLike s3:prefix [\"models/*\"] failed: the key is not in the request"]),
        ["any KMS key of the account"] = (FindingKind.NeighbourAllowed,
            ["FraudDetection-job: kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000", "Allowed by DataKeyForS3Objects"]),
        ["a role no step uses"] = (FindingKind.Roles, ["roles.json lists FraudDetection-unused", "no step of the definition runs with it"]),
    };

    public static TheoryData<string> Flaws()
    {
        var data = new TheoryData<string>();
        foreach (var name in FlawTable.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [OracleTheory]
    [MemberData(nameof(Flaws))]
    public void Each_planted_flaw_is_reported(string flaw)
    {
        var (kind, evidence) = FlawTable[flaw];
        var findings = run.Flawed.Of(kind);
        Assert.True(
            findings.Any(f => evidence.All(e => f.Message.Contains(e, StringComparison.Ordinal))),
            $"no {kind} finding contains all of [{string.Join(" | ", evidence)}].\n{run.Flawed.Describe(kind)}");
    }

    [OracleFact]
    public void The_flawed_policy_set_allows_neighbours_the_least_privilege_one_denies()
    {
        output.WriteLine(run.LeastPrivilege.Summary);
        output.WriteLine(run.Flawed.Summary);
        output.WriteLine(run.Handwritten.Summary);
        Assert.Equal(run.LeastPrivilege.NeighboursTotal, run.Flawed.NeighboursTotal);
        Assert.Equal(0, run.LeastPrivilege.NeighboursAllowed);
        Assert.True(run.Flawed.NeighboursAllowed > 0);
        Assert.True(run.Handwritten.NeighboursAllowed > 0);
    }
}
