using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace AotAuth.Testing.Tls;

/// <summary>
/// A loopback TLS terminator in front of DynamoDB Local: the function connects with
/// https, completes a real handshake against a certificate from the test CA, and the
/// decrypted bytes are forwarded to the plain-HTTP emulator.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly SslStreamCertificateContext _certificate;
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TlsProxy(X509Certificate2 certificate, X509Certificate2 intermediate, Uri target)
    {
        // Leaf plus intermediate, as AWS endpoints send them: the client builds the chain to its root.
        _certificate = SslStreamCertificateContext.Create(certificate, [intermediate], offline: true);
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The endpoint to give the function: <c>https://127.0.0.1:PORT</c>.</summary>
    public Uri Endpoint => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public static TlsProxy Start(TestCertificates certificates, Uri target) => new(certificates.Server, certificates.Intermediate, target);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        try
        {
            using (client)
            using (var tls = new SslStream(client.GetStream()))
            using (var upstream = new TcpClient())
            {
                client.NoDelay = true;
                upstream.NoDelay = true;
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = _certificate }, _stop.Token);
                await upstream.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                NetworkStream plain = upstream.GetStream();
                await Task.WhenAny(tls.CopyToAsync(plain, _stop.Token), plain.CopyToAsync(tls, _stop.Token));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
        {
            // The function went away mid-stream (it is killed after its first answer).
        }
    }
}
