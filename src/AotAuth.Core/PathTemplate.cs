using System.Collections.Immutable;

namespace AotAuth.Core;

/// <summary>What one segment of a <see cref="PathTemplate"/> is.</summary>
public enum PathSegmentKind
{
    /// <summary>Text that must appear as it is (compared after the request's segment is URL-decoded).</summary>
    Literal,

    /// <summary><c>{name}</c>: exactly one non-empty segment.</summary>
    Parameter,

    /// <summary><c>{name+}</c>: one or more segments, the rest of the path (API Gateway's greedy parameter, e.g. <c>{proxy+}</c>).</summary>
    Greedy,
}

/// <summary>One segment of a <see cref="PathTemplate"/>.</summary>
/// <param name="Kind">Literal, parameter or greedy parameter.</param>
/// <param name="Text">The literal text, or the parameter's name (without braces or <c>+</c>).</param>
public readonly record struct PathSegment(PathSegmentKind Kind, string Text);

/// <summary>
/// A resource path or route path such as <c>/user/{id}</c> or <c>/files/{proxy+}</c>, parsed once:
/// the one place that decides what is a parameter. A segment is a parameter when it is wholly
/// <c>{name}</c> with a non-empty name, greedy when the name ends in <c>+</c> (last segment only).
/// Routing binds requests with it, scopes render from it, and the API model names its parameters with it.
/// </summary>
public sealed class PathTemplate
{
    private PathTemplate(string text, ImmutableArray<PathSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The template as written, e.g. <c>/user/{id}</c>.</summary>
    public string Text { get; }

    /// <summary>The segments after the leading slash; <c>/</c> is one empty literal, a trailing slash ends with one.</summary>
    public ImmutableArray<PathSegment> Segments { get; }

    /// <summary>The parameters' names, in order.</summary>
    public ImmutableArray<string> ParameterNames => [.. Segments.Where(s => s.Kind != PathSegmentKind.Literal).Select(s => s.Text)];

    /// <summary>Parses <paramref name="path"/>; throws for one that does not start with <c>/</c> or has a greedy parameter before the end.</summary>
    public static PathTemplate Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path[0] != '/')
        {
            throw new FormatException($"path template '{path}' does not start with '/'");
        }

        string[] parts = path[1..].Split('/');
        var segments = ImmutableArray.CreateBuilder<PathSegment>(parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            PathSegment segment = Classify(parts[i]);
            if (segment.Kind == PathSegmentKind.Greedy && i != parts.Length - 1)
            {
                throw new FormatException($"path template '{path}': a greedy parameter must be the last segment");
            }

            segments.Add(segment);
        }

        return new PathTemplate(path, segments.MoveToImmutable());
    }

    /// <summary>What <paramref name="segment"/> (one segment, no slash) is in a template.</summary>
    public static PathSegment Classify(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Length > 2 && segment[0] == '{' && segment[^1] == '}')
        {
            string name = segment[1..^1];
            return name.Length > 1 && name[^1] == '+' ? new PathSegment(PathSegmentKind.Greedy, name[..^1]) : new PathSegment(PathSegmentKind.Parameter, name);
        }

        return new PathSegment(PathSegmentKind.Literal, segment);
    }

    /// <summary>True when the UTF-8 <paramref name="segment"/> is a parameter (<c>{name}</c> or <c>{name+}</c>), by the same rule as <see cref="Classify"/>.</summary>
    public static bool IsParameter(ReadOnlySpan<byte> segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';

    /// <summary>
    /// Binds the raw (still percent-encoded) <paramref name="path"/>, without a query, as API
    /// Gateway matches it: literals compare exactly after decoding (case-sensitive), a parameter
    /// takes one non-empty segment, a greedy parameter the non-empty rest; a trailing slash makes
    /// a different path. The values are URL-decoded.
    /// </summary>
    public bool TryBind(string path, out ImmutableDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(path);
        parameters = ImmutableDictionary<string, string>.Empty;
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        string[] actual = path[1..].Split('/');
        bool greedy = !Segments.IsEmpty && Segments[^1].Kind == PathSegmentKind.Greedy;
        if (greedy ? actual.Length < Segments.Length : actual.Length != Segments.Length)
        {
            return false;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < Segments.Length; i++)
        {
            PathSegment expected = Segments[i];
            string raw = expected.Kind == PathSegmentKind.Greedy ? string.Join('/', actual[i..]) : actual[i];
            if (!TryDecode(raw, out string value))
            {
                return false;
            }

            if (expected.Kind == PathSegmentKind.Literal ? value != expected.Text : value.Length == 0)
            {
                return false;
            }

            if (expected.Kind != PathSegmentKind.Literal)
            {
                builder[expected.Text] = value;
            }
        }

        parameters = builder.ToImmutable();
        return true;
    }

    /// <summary>The scope path that allows exactly this template's requests: each parameter becomes <c>*</c> (<c>/user/{id}</c> gives <c>/user/*</c>).</summary>
    public string ScopePath() => "/" + string.Join('/', Segments.Select(s => s.Kind == PathSegmentKind.Literal ? s.Text : "*"));

    /// <summary>
    /// Orders templates as API Gateway prefers them when several match a path: segment by segment,
    /// a literal before a <c>{param}</c> before a greedy <c>{proxy+}</c>; then the longer one.
    /// </summary>
    public static int CompareSpecificity(PathTemplate a, PathTemplate b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        for (int i = 0; i < Math.Min(a.Segments.Length, b.Segments.Length); i++)
        {
            int order = a.Segments[i].Kind.CompareTo(b.Segments[i].Kind);
            if (order != 0)
            {
                return order;
            }
        }

        return b.Segments.Length.CompareTo(a.Segments.Length);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryDecode(string raw, out string value)
    {
        try
        {
            value = Uri.UnescapeDataString(raw);
            return true;
        }
        catch (UriFormatException)
        {
            value = raw;
            return false;
        }
    }
}
