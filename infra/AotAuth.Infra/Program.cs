using AotAuth.Infra;
using Amazon.CDK;

// `npx aws-cdk synth` (infra/cdk.json) runs this; -c arch=x86_64 switches architecture.
try
{
    var app = new App();
    AotAuthStack.FromContext(app, Directory.GetCurrentDirectory());
    app.Synth();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine("AotAuth.Infra: " + ex.Message);
    return 1;
}
