namespace AotAuth.Testing;

/// <summary>
/// Damages an event in place the ways a broken gateway or transport could: a flipped bit, a byte
/// that is not valid UTF-8 where it stands, JSON punctuation or a NUL planted, or the rest of the
/// event cut off (blanked). The one mutator of the authorizer's mutation and fuzz tests.
/// </summary>
public static class EventMutation
{
    /// <summary>Applies one random damage to <paramref name="utf8"/> (nothing when it is empty).</summary>
    public static void Mutate(byte[] utf8, Random random)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentNullException.ThrowIfNull(random);
        if (utf8.Length == 0)
        {
            return;
        }

        int at = random.Next(utf8.Length);
        switch (random.Next(5))
        {
            case 0:
                utf8[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                utf8[at] = (byte)random.Next(0x80, 0x100);
                break;
            case 2:
                utf8[at] = (byte)"\"{}[],:\\"[random.Next(8)];
                break;
            case 3:
                utf8[at] = 0;
                break;
            default:
                Array.Fill(utf8, (byte)' ', at, utf8.Length - at);
                break;
        }
    }
}
