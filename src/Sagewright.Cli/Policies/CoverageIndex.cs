using System;
using System.Collections.Generic;
using System.Linq;

namespace Sagewright.Cli.Policies;

/// <summary>Grants indexed by the literal start of their action and resource patterns (the text before the first
/// wildcard), so that a new grant is compared only with the grants that could cover it rather than with all of them
/// (issue 15: the diff grew with the square of the statements).
///
/// A pattern can contain another only if its literal start is a literal start of the other (a literal character
/// covers only itself; ARNs compared field by field keep that true), so the candidates are the grants whose action
/// start is a prefix of the new grant's action and whose resource start is a prefix of its resource. Grants with
/// <c>NotAction</c>, <c>NotResource</c> or no resource are always candidates. The candidates are a superset of the
/// grants that cover; <see cref="Coverage"/> still decides.</summary>
public sealed class CoverageIndex
{
    private readonly List<Grant> _all = [];
    private readonly List<Grant> _anyAction = [];
    private readonly PrefixIndex<ResourceIndex> _byAction = new();

    public CoverageIndex(IEnumerable<Grant> grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        foreach (var grant in grants)
        {
            _all.Add(grant);
            if (grant.Action.Kind != TermKind.One)
            {
                _anyAction.Add(grant);
                continue;
            }

            _byAction.GetOrAdd(LiteralStart(grant.Action.Keys[0]), () => new ResourceIndex()).Add(grant);
        }
    }

    /// <summary>Every grant whose action pattern could cover <paramref name="grant"/>'s action.</summary>
    public IEnumerable<Grant> ActionCandidates(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Action.Kind != TermKind.One)
        {
            return _all;
        }

        return _anyAction.Concat(_byAction.Prefixes(grant.Action.Keys[0]).SelectMany(resources => resources.All));
    }

    /// <summary>Every grant whose action and resource patterns could cover <paramref name="grant"/>'s.</summary>
    public IEnumerable<Grant> Candidates(Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Action.Kind != TermKind.One)
        {
            return _all;
        }

        return _anyAction.Concat(_byAction.Prefixes(grant.Action.Keys[0]).SelectMany(resources => resources.Candidates(grant.Resource)));
    }

    private static string LiteralStart(string pattern)
    {
        var wildcard = pattern.AsSpan().IndexOfAny('*', '?');
        return wildcard < 0 ? pattern : pattern[..wildcard];
    }

    /// <summary>The grants of one action start, by the literal start of their resource.</summary>
    private sealed class ResourceIndex
    {
        private readonly List<Grant> _anyResource = [];
        private readonly PrefixIndex<List<Grant>> _byResource = new();

        public List<Grant> All { get; } = [];

        public void Add(Grant grant)
        {
            All.Add(grant);
            if (grant.Resource.Kind != TermKind.One)
            {
                _anyResource.Add(grant);
            }
            else
            {
                _byResource.GetOrAdd(LiteralStart(grant.Resource.Keys[0]), () => []).Add(grant);
            }
        }

        public IEnumerable<Grant> Candidates(Term resource) => resource.Kind != TermKind.One
            ? All
            : _anyResource.Concat(_byResource.Prefixes(resource.Keys[0]).SelectMany(grants => grants));
    }

    /// <summary>Values keyed by a string; <see cref="Prefixes"/> finds those whose key starts a text, with one
    /// lookup per character of the text (no substrings are allocated).</summary>
    private sealed class PrefixIndex<T>
        where T : class
    {
        private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);
        private int _longest;

        public T GetOrAdd(string key, Func<T> create)
        {
            if (!_values.TryGetValue(key, out var value))
            {
                value = create();
                _values.Add(key, value);
                _longest = Math.Max(_longest, key.Length);
            }

            return value;
        }

        public IEnumerable<T> Prefixes(string text)
        {
            var found = new List<T>();
            var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
            var last = Math.Min(text.Length, _longest);
            for (var length = 0; length <= last; length++)
            {
                if (lookup.TryGetValue(text.AsSpan(0, length), out var value))
                {
                    found.Add(value);
                }
            }

            return found;
        }
    }
}
