using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DoiThoai.Domain.AdminUnits;
using DoiThoai.Domain.Calendar;
using DoiThoai.Grains.Abstractions.Delivery;
using DoiThoai.Grains.Delivery;
using DoiThoai.Silo.Delivery;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace DoiThoai.Silo.Channels.Email;

/// <summary>
/// E-mail through MailKit to an SMTP server, over a few kept-open connections. A 4xx reply or a lost connection is
/// transient; a 5xx reply (no such mailbox, refused) is permanent. The Message-Id is derived from the delivery key,
/// so a message sent again after a crash carries the same id and a mail system can recognise it.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, PublishedDocuments documents, AdminUnitRegistry units) : IChannelSender, IDisposable
{
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public DeliveryChannel Channel => DeliveryChannel.Email;

    public int MaxConcurrency => Math.Max(1, options.Value.MaxConnections);

    public string? NotConfigured => options.Value.IsConfigured ? null : "Kênh email chưa được cấu hình (Email:Smtp:Host).";

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        PublishedDocuments.Attachment? document = null;
        if (message.Document is { } name && (document = await documents.GetAsync(message.SessionKey, name)) is null)
        {
            return SendOutcome.Retry($"Tài liệu đính kèm ({name}) chưa được công bố.");
        }

        var mail = Compose(message, settings, document, EmailLetter.IssuerOf(message.SessionKey, units));
        SmtpClient? client = null;
        try
        {
            client = await TakeClientAsync(settings, cancellationToken);
            var reply = await client.SendAsync(mail, cancellationToken);
            _idle.Add(client);
            client = null;
            return SendOutcome.Ok(mail.MessageId + " " + reply);
        }
        catch (SmtpCommandException error) when ((int)error.StatusCode >= 500)
        {
            return SendOutcome.Fail($"SMTP {(int)error.StatusCode}: {error.Message}");
        }
        catch (Exception error) when (error is SmtpCommandException or SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException)
        {
            return SendOutcome.Retry($"{error.GetType().Name}: {error.Message}");
        }
        finally
        {
            client?.Dispose();
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// The message as mail clients should show it: a text and an HTML letter (multipart/alternative); an invitation's
    /// calendar as a third alternative, addressed to this recipient (iTIP REQUEST, or CANCEL once called off) with the
    /// same method in its Content-Type as inside (RFC 6047 §2.4); a published document attached beside them.
    /// </summary>
    public static MimeMessage Compose(OutboxMessage message, SmtpOptions settings, PublishedDocuments.Attachment? document = null, string? issuer = null)
    {
        var from = MailboxAddress.Parse(settings.From);
        var replyTo = string.IsNullOrWhiteSpace(settings.ReplyTo) ? null : MailboxAddress.Parse(settings.ReplyTo);
        var mail = new MimeMessage();
        mail.From.Add(from);
        if (replyTo is not null)
        {
            mail.ReplyTo.Add(replyTo);
        }

        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Subject = message.Subject ?? "";
        mail.MessageId = $"{Key(message)}@doithoai.vn";
        var invitation = message.Subject?.StartsWith("Giấy mời", StringComparison.Ordinal) == true;
        var alternative = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = message.Body },
            new TextPart(TextFormat.Html) { Text = EmailLetter.Html(message.Body, issuer, invitation ? "GIẤY MỜI" : null) },
        };
        if (message.Attachment is not null)
        {
            var organizer = replyTo ?? from;
            var (method, text) = IcsCalendar.Addressed(message.Attachment,
                new CalendarParty(organizer.Name ?? "", organizer.Address), new CalendarParty("", message.Address), askReply: replyTo is not null);
            var calendar = new TextPart("calendar")
            {
                Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(text))),
                ContentTransferEncoding = ContentEncoding.Base64,
            };
            calendar.ContentType.Charset = "utf-8";
            calendar.ContentType.Parameters.Add("method", method);
            calendar.ContentType.Name = "giay-moi.ics";
            alternative.Add(calendar);
        }

        if (document is null)
        {
            mail.Body = alternative;
        }
        else
        {
            var attached = new MimePart(document.MediaType, document.MediaSubtype)
            {
                Content = new MimeContent(new MemoryStream(document.Bytes)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = document.FileName,
            };
            mail.Body = new Multipart("mixed") { alternative, attached };
        }

        return mail;
    }

    private async Task<SmtpClient> TakeClientAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsConnected)
            {
                return idle;
            }

            idle.Dispose();
        }

        var client = new SmtpClient();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Without NoDelay, Nagle's algorithm holds the end of each message until the server's delayed ACK:
            // measured, a kept-open connection then sends 4 to 5 times fewer messages a second (BENCHMARKS.md).
            await socket.ConnectAsync(settings.Host!, settings.Port, cancellationToken);
            await client.ConnectAsync(socket, settings.Host!, settings.Port, settings.UseTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    private static string Key(OutboxMessage message) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{message.SessionKey}|{message.Notice}|{message.RecipientId}|{message.Channel}")))[..32];
}
