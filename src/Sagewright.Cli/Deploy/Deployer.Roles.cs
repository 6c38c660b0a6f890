using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli.Deploy;

/// <summary>The roles part of a deploy, shared by <c>deploy</c> and <c>endpoint deploy</c>: the account and region
/// check, the plan of each role (with the deployed and built policies for the <c>policy diff</c>), and the writes.</summary>
public sealed partial class Deployer
{
    internal async Task CheckTargetAsync(PipelineFolder folder)
    {
        // The build wrote the account and region into every ARN: deploying them elsewhere would fail halfway
        // (roles in one account, a pipeline that names another's).
        if (folder.Region is { Length: > 0 } region && !string.Equals(region, session.Region, StringComparison.Ordinal))
        {
            throw new CliException($"the build targets region {region} (iam/roles.json), but the region is {session.Region}: pass --region {region}, or change the project's region and rebuild");
        }

        if (folder.Account is { Length: > 0 } account)
        {
            var (caller, arn) = await new StsClient(session).GetCallerIdentityAsync().ConfigureAwait(false);
            if (!string.Equals(caller, account, StringComparison.Ordinal))
            {
                throw new CliException($"the build targets account {account} (iam/roles.json), but the credentials are for account {caller} ({arn}): use that account's profile (--profile), or change the project's account and rebuild");
            }
        }
    }

    internal async Task<(List<RolePlan> Roles, List<PolicyFile> Deployed, List<PolicyFile> Local)> PlanRolesAsync(PipelineFolder folder, IEnumerable<RoleFile> roles)
    {
        var roleTags = RoleTags(folder);
        var plans = new List<RolePlan>();
        var deployed = new List<PolicyFile>();
        var local = new List<PolicyFile>();
        foreach (var role in roles)
        {
            local.Add(new PolicyFile(role.PolicyFile, "local/" + role.PolicyFile, role.Policy));
            local.Add(new PolicyFile(role.TrustFile, "local/" + role.TrustFile, role.Trust));
            var current = await _iam.GetRoleAsync(role.Name).ConfigureAwait(false);
            if (current is null)
            {
                plans.Add(new RolePlan(role, RoleAction.Create, true, true, roleTags, role.ManagedPolicies));
                continue;
            }

            deployed.Add(new PolicyFile(role.TrustFile, "deployed/" + role.TrustFile, Encoding.UTF8.GetBytes(current.AssumeRolePolicyDocument)));
            var policy = await _iam.GetRolePolicyAsync(role.Name, role.Name).ConfigureAwait(false);
            if (policy is not null)
            {
                deployed.Add(new PolicyFile(role.PolicyFile, "deployed/" + role.PolicyFile, Encoding.UTF8.GetBytes(policy)));
            }

            var attached = role.ManagedPolicies.Count == 0 ? [] : await _iam.ListAttachedRolePoliciesAsync(role.Name).ConfigureAwait(false);
            var trustChanged = !SameJson(current.AssumeRolePolicyDocument, role.Trust);
            var policyChanged = policy is null || !SameJson(policy, role.Policy);
            var tags = roleTags.Where(t => !current.Tags.Contains(t)).ToList();
            var attach = role.ManagedPolicies.Where(arn => !attached.Any(a => a.PolicyArn == arn)).ToList();
            var changed = trustChanged || policyChanged || tags.Count > 0 || attach.Count > 0;
            plans.Add(new RolePlan(role, changed ? RoleAction.Update : RoleAction.Unchanged, trustChanged, policyChanged, tags, attach));
        }

        return (plans, deployed, local);
    }

    internal async Task ApplyRolesAsync(IEnumerable<RolePlan> roles, TextWriter log)
    {
        foreach (var role in roles.Where(r => r.HasWrites))
        {
            var name = role.Role.Name;
            var trust = Encoding.UTF8.GetString(role.Role.Trust);
            if (role.Action == RoleAction.Create)
            {
                try
                {
                    await _iam.CreateRoleAsync(name, role.Role.RolePath, trust, role.TagsToSet).ConfigureAwait(false);
                    log.Write($"created role {name}\n");
                }
                catch (AwsException ex) when (ex.Code == "EntityAlreadyExists")
                {
                    // Created by an earlier attempt whose answer was lost: bring it up to date instead.
                    await _iam.UpdateAssumeRolePolicyAsync(name, trust).ConfigureAwait(false);
                    await _iam.TagRoleAsync(name, role.TagsToSet).ConfigureAwait(false);
                    log.Write($"updated role {name} (trust policy, tags)\n");
                }
            }
            else
            {
                if (role.TrustChanged)
                {
                    await _iam.UpdateAssumeRolePolicyAsync(name, trust).ConfigureAwait(false);
                    log.Write($"updated trust policy of role {name}\n");
                }

                if (role.TagsToSet.Count > 0)
                {
                    await _iam.TagRoleAsync(name, role.TagsToSet).ConfigureAwait(false);
                    log.Write($"tagged role {name} ({string.Join(", ", role.TagsToSet.Select(t => t.Key))})\n");
                }
            }

            if (role.PolicyChanged)
            {
                await _iam.PutRolePolicyAsync(name, name, Encoding.UTF8.GetString(role.Role.Policy)).ConfigureAwait(false);
                log.Write($"put inline policy {name} on role {name}\n");
            }

            foreach (var arn in role.PoliciesToAttach)
            {
                await _iam.AttachRolePolicyAsync(name, arn).ConfigureAwait(false);
                log.Write($"attached {arn} to role {name}\n");
            }
        }

    }
}
