using AotAuth.Infra;
using Amazon.CDK;

// `npx aws-cdk synth` (infra/cdk.json) runs this; -c arch=x86_64 switches architecture.
// The app starts from cdk.json's context (feature flags) as the template tests' app does.
try
{
    App app = CdkApp.New(Directory.GetCurrentDirectory());
    AotAuthStack.FromContext(app, Directory.GetCurrentDirectory());
    app.Synth();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
{
    Console.Error.WriteLine("AotAuth.Infra: " + ex.Message);
    return 1;
}
