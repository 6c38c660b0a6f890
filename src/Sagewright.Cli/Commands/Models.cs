using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sagewright.Cli.Aws;

namespace Sagewright.Cli.Commands;

/// <summary>Model package versions: find the one approve/reject act on, and list a group's.</summary>
internal static class Models
{
    public static async Task<string> Resolve(SageMakerClient client, string target, int? version)
    {
        if (target.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (!target.Contains(":model-package/", StringComparison.Ordinal))
            {
                throw new CliException($"{target}: not a model package ARN (arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>)");
            }

            if (version is not null)
            {
                throw new CliException("--version: not with a model package ARN (the ARN names the version)");
            }

            return target;
        }

        if (version is { } wanted)
        {
            var all = await client.ListAllModelPackagesAsync(target, null).ConfigureAwait(false);
            return all.FirstOrDefault(p => p.ModelPackageVersion == wanted)?.ModelPackageArn
                ?? throw new CliException($"{target}: no version {wanted.ToString(CultureInfo.InvariantCulture)} (versions: {(all.Count == 0 ? "none" : string.Join(", ", all.Select(p => p.ModelPackageVersion).Order()))})");
        }

        var pending = await client.ListAllModelPackagesAsync(target, "PendingManualApproval").ConfigureAwait(false);
        return pending.OrderByDescending(p => p.ModelPackageVersion ?? 0).FirstOrDefault()?.ModelPackageArn
            ?? throw new CliException($"{target}: no version is PendingManualApproval (pass --version or a model package ARN)");
    }

    public static async Task List(SageMakerClient client, string group, TextWriter stdout, bool json)
    {
        var packages = (await client.ListAllModelPackagesAsync(group, null).ConfigureAwait(false)).OrderByDescending(p => p.ModelPackageVersion ?? 0).ToList();
        var rows = new JsonArray();
        foreach (var package in packages)
        {
            var described = await client.DescribeModelPackageAsync(new DescribeModelPackageRequest(package.ModelPackageArn!)).ConfigureAwait(false);
            var metrics = described.ModelMetrics?["ModelQuality"]?["Statistics"]?["S3Uri"]?.GetValue<string>()
                ?? described.ModelMetrics?.Select(m => m.Value?["Statistics"]?["S3Uri"] ?? m.Value?.AsObject().Select(x => x.Value?["S3Uri"]).FirstOrDefault(x => x is not null)).FirstOrDefault(x => x is not null)?.GetValue<string>();
            rows.Add(new JsonObject
            {
                ["ModelPackageVersion"] = package.ModelPackageVersion,
                ["ModelApprovalStatus"] = package.ModelApprovalStatus,
                ["ModelPackageStatus"] = package.ModelPackageStatus,
                ["CreationTime"] = package.CreationTime is { } t ? DateTimeOffset.FromUnixTimeMilliseconds((long)(t * 1000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null,
                ["ModelPackageArn"] = package.ModelPackageArn,
                ["MetricsS3Uri"] = metrics,
            });
        }

        if (json)
        {
            stdout.Write(rows.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }

        if (rows.Count == 0)
        {
            stdout.Write($"{group}: no versions\n");
            return;
        }

        stdout.Write("VERSION  APPROVAL               STATUS      CREATED               METRICS\n");
        foreach (var row in rows)
        {
            stdout.Write(string.Create(CultureInfo.InvariantCulture,
                $"{(int?)row!["ModelPackageVersion"],-8} {(string?)row["ModelApprovalStatus"],-22} {(string?)row["ModelPackageStatus"],-11} {(string?)row["CreationTime"],-21} {(string?)row["MetricsS3Uri"] ?? "-"}\n"));
        }
    }
}
