using Amazon.CDK.AWS.Lambda;

namespace AotAuth.Cdk;

/// <summary>The CPU architecture a Native AOT function is published for and runs on.</summary>
public enum FunctionArchitecture
{
    /// <summary>Graviton (<c>linux-arm64</c>): the default, about 20% cheaper per GB-second than x86_64.</summary>
    Arm64,

    /// <summary>x86_64 (<c>linux-x64</c>).</summary>
    X64,
}

/// <summary>Maps a <see cref="FunctionArchitecture"/> to Lambda's architecture and the .NET runtime identifier.</summary>
public static class Architectures
{
    /// <summary>Parses a Lambda architecture name: <c>arm64</c> (also when null or empty) or <c>x86_64</c>.</summary>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static FunctionArchitecture Parse(string? value) => value switch
    {
        null or "" or "arm64" => FunctionArchitecture.Arm64,
        "x86_64" => FunctionArchitecture.X64,
        _ => throw new ArgumentException($"context arch must be 'arm64' or 'x86_64', not '{value}'", nameof(value)),
    };

    /// <summary>The .NET runtime identifier a bootstrap for <paramref name="arch"/> is published with.</summary>
    public static string RuntimeIdentifier(this FunctionArchitecture arch) =>
        arch == FunctionArchitecture.Arm64 ? "linux-arm64" : "linux-x64";

    /// <summary>The Lambda architecture.</summary>
    public static Architecture ToLambda(this FunctionArchitecture arch) =>
        arch == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64;
}
