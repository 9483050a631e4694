using AotAuth.Core.Contracts;
using AotAuth.Infra;

namespace AotAuth.Infra.Tests;

/// <summary>Dummy function code for synth: the files it packages (a bootstrap and its trust store), with no real publish.</summary>
internal static class DummyPublish
{
    /// <summary>
    /// A new temporary publish folder holding both functions for each of <paramref name="architectures"/>
    /// in the layout <see cref="PublishedCode"/> reads, each with a <c>bootstrap.dbg</c> that synth must leave out.
    /// </summary>
    public static string Folder(string prefix, params FunctionArchitecture[] architectures)
    {
        string root = Directory.CreateTempSubdirectory(prefix).FullName;
        foreach (FunctionArchitecture arch in architectures)
        {
            foreach (string project in new[] { PublishedCode.AuthorizerProject, PublishedCode.UserFunctionProject })
            {
                string dir = PublishedCode.Directory(root, project, arch);
                Function(dir);
                File.WriteAllText(Path.Combine(dir, "bootstrap.dbg"), "debug symbols: must not be deployed");
            }
        }

        return root;
    }

    /// <summary>Writes a (non-executable) bootstrap into <paramref name="dir"/> and, unless told otherwise, its trust store.</summary>
    public static void Function(string dir, bool trustStore = true)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "bootstrap"), "#!/bin/sh\n");
        if (trustStore)
        {
            File.WriteAllText(Path.Combine(dir, TrustStore.FileName), "-----BEGIN CERTIFICATE-----\n");
        }
    }
}
