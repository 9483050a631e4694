using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AotAuth.Hardening.Tests.Properties;

/// <summary>Hostile TOKEN events through the real handler and an in-memory store.</summary>
public sealed class EventParserProperties : IDisposable
{
    private readonly AuthorizerRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Property(MaxTest = 3000)]
    public Property AnyEvent_IsAnsweredWithoutThrowing_AndAllowedOnlyForAStoredToken() =>
        Prop.ForAll(EventGenerators.Event.ToArbitrary(), json =>
        {
            (string? violation, _) = _rig.CheckAsync(EventGenerators.Utf8(json)).GetAwaiter().GetResult();
            return (violation is null).Label(violation ?? "ok");
        });

    [Property(MaxTest = 1000)]
    public Property RandomBytes_AreNeverAllowed() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).ToArbitrary(), bytes =>
        {
            (string? violation, string outcome) = _rig.CheckAsync(bytes).GetAwaiter().GetResult();
            return (violation is null && outcome != "policy").Label(violation ?? outcome);
        });

    [Property(MaxTest = 500)]
    public Property WellFormedEventWithAKnownTokenAndAValidArn_IsAllowedForThatArnsStage() =>
        Prop.ForAll(ArnGenerators.ValidParts.ToArbitrary(), parts =>
        {
            string json = $$"""{"type":"TOKEN","authorizationToken":"{{KnownTokens.Alice}}","methodArn":"{{parts}}"}""";
            (string? violation, string outcome) = _rig.CheckAsync(EventGenerators.Utf8(json)).GetAwaiter().GetResult();
            return (violation is null && outcome == "policy").Label(violation ?? outcome);
        });
}
