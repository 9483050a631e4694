// jsii starts its runtime once per process, and two test collections synthesizing at once race
// on its start (it unpacks the CDK's bundled packages into one temp folder): run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
