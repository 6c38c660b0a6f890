using System;
using System.Diagnostics;

namespace Sagewright;

/// <summary>Reuses the result of an earlier successful run of this step when its arguments are the same
/// (<c>CacheConfig</c>). Only for processing, training, tuning and transform steps.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class CacheAttribute : Attribute
{
    /// <param name="expireAfter">How long a cached result stays valid, as an ISO-8601 duration, for example <c>P30D</c> or <c>PT1H</c>.</param>
    public CacheAttribute(string expireAfter) => ExpireAfter = expireAfter;

    /// <summary>The ISO-8601 duration.</summary>
    public string ExpireAfter { get; }
}

/// <summary>The failures a retry policy reacts to.</summary>
public enum RetryOn
{
    /// <summary><c>Step.SERVICE_FAULT</c>: an internal error of the pipeline service.</summary>
    ServiceFault,

    /// <summary><c>Step.THROTTLING</c>: the pipeline service throttled a call.</summary>
    Throttling,

    /// <summary><c>SageMaker.JOB_INTERNAL_ERROR</c>: the job failed with an internal error (job steps only).</summary>
    JobInternalError,

    /// <summary><c>SageMaker.CAPACITY_ERROR</c>: no capacity, for example no Spot instances (job steps only).</summary>
    CapacityError,

    /// <summary><c>SageMaker.RESOURCE_LIMIT</c>: an account limit was hit (job steps only).</summary>
    ResourceLimit,
}

/// <summary>A retry policy of the step (<c>RetryPolicies</c>). Give exactly one of <see cref="MaxAttempts"/> and
/// <see cref="ExpireAfterMinutes"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
[Conditional("SAGEWRIGHT_ANNOTATIONS")]
public sealed class RetryAttribute : Attribute
{
    /// <param name="on">The failures to retry, in the order they are listed in the definition.</param>
    public RetryAttribute(params RetryOn[] on) => On = on;

    /// <summary>The failures to retry.</summary>
    public RetryOn[] On { get; }

    /// <summary>The number of attempts, 1 to 20.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>How long to keep retrying, 1 to 14400 minutes.</summary>
    public int ExpireAfterMinutes { get; set; }

    /// <summary>Seconds before the first retry. Default: 1.</summary>
    public int IntervalSeconds { get; set; } = 1;

    /// <summary>The multiplier of the interval after each attempt. Default: 2.0.</summary>
    public double BackoffRate { get; set; } = 2.0;
}
