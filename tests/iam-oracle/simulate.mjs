// Evaluates a batch of requests against IAM identity policies with the offline simulator
// (@cloud-copilot/iam-simulate). Test-only: run by tests/Sagewright.Tests/Iam, never shipped.
//
// stdin:  { "policies": { "<name>": <policy document>, ... },
//           "requests": [ { "id": "...", "principal": "arn:aws:iam::111122223333:role/Name",
//                           "policies": ["<name>", ...]   (or "policy": "<name>"),
//                           "action": "s3:GetObject", "resource": "arn:aws:s3:::bucket/key",
//                           "account": "<account that owns the resource>",
//                           "context": { "s3:prefix": "raw-data/" } }, ... ] }
//         A request may instead name a "resourcePolicy" (a trust policy, for "sts:AssumeRole" by a service
//         principal such as "sagemaker.amazonaws.com"): it is then judged by that resource policy alone.
// stdout: { "results": [ { "id", "decision", "allowedBy": [Sid...], "explanation",
//                          "ignoredContextKeys": [...], "crossAccount": bool, "error" }, ... ] }
//
// decision is the simulator's overall result (Allowed, ImplicitlyDenied, ExplicitlyDenied) or Error
// when the simulator rejected the input (an unknown action, a resource that matches none of the
// action's ARN formats, an invalid policy); error then says why.
//
// A request whose resource account differs from the principal's account is cross-account: AWS
// allows it only when both the identity policy and the resource's own policy allow it. To judge
// the identity policy alone, such a request gets a resource policy that allows exactly that
// principal, action and resource, so the decision is the identity policy's (and crossAccount is
// true in the result). Same-account requests get no resource policy, except KMS requests: a KMS key is usable only
// as far as its key policy allows, so they get AWS's default key policy, which leaves the decision to IAM policies.
import { readFileSync } from 'node:fs';
import { runSimulation } from '@cloud-copilot/iam-simulate';

const errorMeanings = {
  'invalid.action': 'the action does not exist in the IAM reference data',
  'invalid.service': 'the service does not exist in the IAM reference data',
  'no.resource.types': "the resource matches none of the action's ARN formats",
  'multiple.resource.types': "the resource matches more than one of the action's ARN formats",
  'must.use.wildcard': 'the action accepts only the resource "*"',
  'policy.errors': 'a policy is not a valid IAM policy'
};

const input = JSON.parse(readFileSync(0, 'utf8'));
const policies = input.policies ?? {};
const results = [];

for (const request of input.requests ?? []) {
  results.push(await evaluate(request));
}

process.stdout.write(JSON.stringify({ results }) + '\n');

async function evaluate(request) {
  const id = request.id;
  try {
    const names = [request.policies ?? request.policy ?? []].flat();
    const missing = names.concat(request.resourcePolicy ? [request.resourcePolicy] : []).filter((name) => !(name in policies));
    if (missing.length > 0) {
      return { id, decision: 'Error', error: `no policy named ${missing.join(', ')} in the batch` };
    }

    const principal = request.principal;
    const principalAccount = String(principal).split(':')[4] ?? '';
    const account = request.account ?? principalAccount;
    const crossAccount = account !== principalAccount;
    const simulation = {
      request: {
        principal,
        action: request.action,
        resource: { resource: request.resource, accountId: account },
        contextVariables: request.context ?? {}
      },
      identityPolicies: names.map((name) => ({ name, policy: policies[name] })),
      serviceControlPolicies: [],
      resourceControlPolicies: []
    };
    if (request.resourcePolicy) {
      simulation.resourcePolicy = policies[request.resourcePolicy];
    } else if (!crossAccount && String(request.action).toLowerCase().startsWith('kms:')) {
      // KMS authorizes nothing by identity policy alone: the key policy must let IAM policies decide. This is the
      // default key policy, which does exactly that for the key's own account.
      simulation.resourcePolicy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DefaultKeyPolicyEnablesIamPolicies',
            Effect: 'Allow',
            Principal: { AWS: `arn:${partitionOf(principal)}:iam::${account}:root` },
            Action: 'kms:*',
            Resource: '*'
          }
        ]
      };
    } else if (crossAccount) {
      simulation.resourcePolicy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OracleResourceSideAllowsThePrincipal',
            Effect: 'Allow',
            Principal: { AWS: principal },
            Action: request.action,
            Resource: request.resource
          }
        ]
      };
    }

    const response = await runSimulation(simulation, {});
    if (response.resultType === 'error') {
      return { id, decision: 'Error', crossAccount, error: describeErrors(response.errors) };
    }

    const analyses =
      response.resultType === 'single'
        ? [response.result]
        : response.results.map((r) => ({ ...r }));
    const ignored = [...new Set(analyses.flatMap((a) => a.ignoredContextKeys ?? []))];
    const identity = analyses.map((a) => a.analysis?.identityAnalysis).filter(Boolean);
    const allowedBy = [
      ...new Set(identity.flatMap((i) => (i.allowStatements ?? []).map((s) => statementName(s))))
    ];
    const deniedBy = [
      ...new Set(identity.flatMap((i) => (i.denyStatements ?? []).map((s) => statementName(s))))
    ];
    const result = {
      id,
      decision: response.overallResult,
      allowedBy,
      ignoredContextKeys: ignored,
      crossAccount
    };
    if (response.overallResult !== 'Allowed') {
      result.explanation =
        allowedBy.length > 0 && deniedBy.length === 0
          ? 'the identity policy allows it, but the evaluation of the resource side does not'
          : explainDenial(identity, deniedBy);
    }
    return result;
  } catch (error) {
    return { id, decision: 'Error', error: String(error?.stack ?? error) };
  }
}

function partitionOf(arn) {
  return String(arn).split(':')[1] || 'aws';
}

function statementName(analysis) {
  return analysis.statement?.Sid ?? analysis.explain?.identifier ?? '(no Sid)';
}

// Why no statement allowed the request: for each statement that names the action, whether its
// resources or its conditions did not match (and which condition, and whether the key was missing).
function explainDenial(identityAnalyses, deniedBy) {
  if (deniedBy.length > 0) {
    return `explicitly denied by ${deniedBy.join(', ')}`;
  }
  const reasons = [];
  for (const analysis of identityAnalyses) {
    for (const statement of analysis.unmatchedStatements ?? []) {
      const explain = statement.explain ?? {};
      const actionNamed = [explain.actions ?? []].flat().some((a) => a.matches);
      if (!actionNamed) {
        continue;
      }
      const parts = [];
      if (!explain.resourceMatch) {
        const resources = [explain.resources ?? []].flat().map((r) => r.resource);
        parts.push('resource not in ' + JSON.stringify(resources));
      }
      for (const condition of [explain.conditions ?? []].flat()) {
        if (condition.matches) {
          continue;
        }
        const values = [condition.values ?? []].flat().map((v) => v.value);
        parts.push(
          `condition ${condition.operator} ${condition.conditionKeyValue} ${JSON.stringify(values)} ` +
            (condition.failedBecauseMissing ? 'failed: the key is not in the request' : 'failed')
        );
      }
      reasons.push(`${statementName(statement)}: ${parts.join('; ') || 'did not match'}`);
    }
  }
  return reasons.length > 0 ? reasons.join(' | ') : 'no statement names this action';
}

function describeErrors(errors) {
  const { message, ...details } = errors ?? {};
  const meaning = errorMeanings[message] ? ` (${errorMeanings[message]})` : '';
  const detailText = Object.keys(details).length > 0 ? ' ' + JSON.stringify(details) : '';
  return `${message ?? 'simulation error'}${meaning}${detailText}`;
}
