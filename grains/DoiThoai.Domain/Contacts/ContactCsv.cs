using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DoiThoai.Domain.Text;

namespace DoiThoai.Domain.Contacts;

/// <summary>What happened to one line of an imported file.</summary>
public sealed record ImportRowOutcome(int Line, bool Accepted, string? FullName, IReadOnlyList<string> Errors);

/// <summary>The contacts a file yields, and a report line by line of what was refused and why.</summary>
public sealed record ContactImport(IReadOnlyList<Contact> Accepted, IReadOnlyList<ImportRowOutcome> Rows)
{
    public int RejectedCount => Rows.Count(r => !r.Accepted);
}

/// <summary>
/// Reads a commune's contact list from CSV (UTF-8, comma or semicolon, quoted fields as in RFC 4180; CsvHelper reads
/// the records, this class what they mean). Headers may be Vietnamese or English, with or without diacritics:
/// "Họ và tên", "Vai trò", "Chức danh", "Thôn/Tổ dân phố", "Số điện thoại", "Email", "Đồng ý SMS", "Đồng ý email".
/// Consent is only what the file says: no column, no consent.
/// </summary>
public static class ContactCsv
{
    public const int MaxRows = 20_000;
    public const int MaxFieldLength = 200;

    private enum Column { Name, Role, Title, Hamlet, Phone, Email, SmsConsent, EmailConsent }

    private static readonly Dictionary<string, Column> HeaderKeys = new()
    {
        ["hovaten"] = Column.Name, ["hoten"] = Column.Name, ["ten"] = Column.Name, ["name"] = Column.Name, ["fullname"] = Column.Name,
        ["vaitro"] = Column.Role, ["doituong"] = Column.Role, ["role"] = Column.Role,
        ["chucdanh"] = Column.Title, ["chucvu"] = Column.Title, ["title"] = Column.Title,
        ["thon"] = Column.Hamlet, ["todanpho"] = Column.Hamlet, ["thontodanpho"] = Column.Hamlet, ["thontdp"] = Column.Hamlet,
        ["khupho"] = Column.Hamlet, ["hamlet"] = Column.Hamlet,
        ["sodienthoai"] = Column.Phone, ["dienthoai"] = Column.Phone, ["sdt"] = Column.Phone, ["phone"] = Column.Phone,
        ["email"] = Column.Email, ["thudientu"] = Column.Email,
        ["dongysms"] = Column.SmsConsent, ["nhantinnhan"] = Column.SmsConsent, ["smsconsent"] = Column.SmsConsent,
        ["dongyemail"] = Column.EmailConsent, ["nhanemail"] = Column.EmailConsent, ["emailconsent"] = Column.EmailConsent,
    };

    private static readonly Dictionary<string, ContactRole> RoleKeys = new()
    {
        [""] = ContactRole.Resident, ["nguoidan"] = ContactRole.Resident, ["cutri"] = ContactRole.Resident, ["resident"] = ContactRole.Resident,
        ["daibieu"] = ContactRole.Delegate, ["delegate"] = ContactRole.Delegate,
        ["truongthon"] = ContactRole.HamletHead, ["totruong"] = ContactRole.HamletHead, ["totruongtdp"] = ContactRole.HamletHead,
        ["totruongtodanpho"] = ContactRole.HamletHead, ["hamlethead"] = ContactRole.HamletHead,
        ["mattran"] = ContactRole.FrontCommittee, ["ubmttq"] = ContactRole.FrontCommittee, ["frontcommittee"] = ContactRole.FrontCommittee,
        ["canbo"] = ContactRole.Officer, ["congchuc"] = ContactRole.Officer, ["officer"] = ContactRole.Officer,
    };

    private static readonly HashSet<string> Yes = ["co", "x", "yes", "true", "1", "dongy"];
    private static readonly HashSet<string> No = ["", "khong", "no", "false", "0", "khongdongy"];

    /// <summary>Parses the file; rows that duplicate an earlier row or an <paramref name="existing"/> contact are refused.</summary>
    public static ContactImport Parse(TextReader reader, IReadOnlyCollection<Contact> existing)
    {
        var records = ReadRecords(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            return new ContactImport([], [new ImportRowOutcome(1, false, null, ["Tệp trống, thiếu dòng tiêu đề."])]);
        }

        var (headerLine, header) = records.Current;
        var columns = new Dictionary<Column, int>();
        var headerErrors = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var key = VietnameseText.Key(header[i]);
            if (HeaderKeys.TryGetValue(key, out var column))
            {
                if (!columns.TryAdd(column, i))
                {
                    headerErrors.Add($"Cột \"{header[i]}\" bị lặp.");
                }
            }
            else if (key.Length > 0)
            {
                headerErrors.Add($"Không nhận ra cột \"{VietnameseText.Quote(header[i])}\".");
            }
        }

        foreach (var required in new[] { Column.Name, Column.Hamlet })
        {
            if (!columns.ContainsKey(required))
            {
                headerErrors.Add(required == Column.Name ? "Thiếu cột \"Họ và tên\"." : "Thiếu cột \"Thôn/Tổ dân phố\".");
            }
        }

        if (!columns.ContainsKey(Column.Phone) && !columns.ContainsKey(Column.Email))
        {
            headerErrors.Add("Cần ít nhất cột \"Số điện thoại\" hoặc \"Email\".");
        }

        if (headerErrors.Count > 0)
        {
            return new ContactImport([], [new ImportRowOutcome(headerLine, false, null, headerErrors)]);
        }

        var phones = existing.Where(c => c.Phone is not null).ToDictionary(c => c.Phone!, c => $"đã có trong danh sách ({c.FullName})");
        var emails = existing.Where(c => c.Email is not null).ToDictionary(c => c.Email!, c => $"đã có trong danh sách ({c.FullName})");
        var accepted = new List<Contact>();
        var outcomes = new List<ImportRowOutcome>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (outcomes.Count >= MaxRows)
            {
                outcomes.Add(new ImportRowOutcome(line, false, null, [$"Tệp có quá {MaxRows} dòng; các dòng từ đây không được đọc."]));
                break;
            }

            var errors = new List<string>();
            string Field(Column column) => columns.TryGetValue(column, out var index) && index < fields.Count ? fields[index].Trim() : "";

            var name = Text(Field(Column.Name), "Họ và tên", required: true, errors);
            var hamlet = Text(Field(Column.Hamlet), "Thôn/Tổ dân phố", required: true, errors);
            var title = Text(Field(Column.Title), "Chức danh", required: false, errors);
            if (!RoleKeys.TryGetValue(VietnameseText.Key(Field(Column.Role)), out var role))
            {
                errors.Add($"Vai trò \"{VietnameseText.Quote(Field(Column.Role))}\" không hợp lệ (người dân, đại biểu, trưởng thôn, mặt trận, cán bộ).");
            }

            string? phone = null;
            if (Field(Column.Phone) is { Length: > 0 } rawPhone)
            {
                if (!PhoneNumber.TryNormalize(rawPhone, out var e164, out var phoneError))
                {
                    errors.Add(phoneError);
                }
                else if (phones.TryGetValue(e164, out var where))
                {
                    errors.Add($"Trùng số điện thoại {PhoneNumber.Mask(e164)}: {where}.");
                }
                else
                {
                    phone = e164;
                }
            }

            string? email = null;
            if (Field(Column.Email) is { Length: > 0 } rawEmail)
            {
                if (!EmailAddress.TryNormalize(rawEmail, out var address, out var emailError))
                {
                    errors.Add(emailError);
                }
                else if (emails.TryGetValue(address, out var where))
                {
                    errors.Add($"Trùng email {EmailAddress.Mask(address)}: {where}.");
                }
                else
                {
                    email = address;
                }
            }

            if (Field(Column.Phone).Length == 0 && Field(Column.Email).Length == 0)
            {
                errors.Add("Cần ít nhất số điện thoại hoặc email.");
            }

            var smsConsent = Consent(Field(Column.SmsConsent), "Đồng ý SMS", errors);
            var emailConsent = Consent(Field(Column.EmailConsent), "Đồng ý email", errors);

            if (errors.Count > 0)
            {
                outcomes.Add(new ImportRowOutcome(line, false, name, errors));
                continue;
            }

            if (phone is not null)
            {
                phones[phone] = $"dòng {line}";
            }

            if (email is not null)
            {
                emails[email] = $"dòng {line}";
            }

            accepted.Add(new Contact("", name!, role, hamlet!, title, phone, email, smsConsent && phone is not null, emailConsent && email is not null));
            outcomes.Add(new ImportRowOutcome(line, true, name, []));
        }

        return new ContactImport(accepted, outcomes);
    }

    private static string? Text(string value, string label, bool required, List<string> errors)
    {
        if (value.Length == 0)
        {
            if (required)
            {
                errors.Add($"Thiếu {label}.");
            }

            return null;
        }

        if (value.Length > MaxFieldLength || value.Any(char.IsControl) || VietnameseText.HasControlCharacters(value))
        {
            errors.Add($"{label} dài quá {MaxFieldLength} ký tự hoặc chứa ký tự không hợp lệ.");
            return null;
        }

        return value;
    }

    private static bool Consent(string value, string label, List<string> errors)
    {
        var key = VietnameseText.Key(value);
        if (Yes.Contains(key))
        {
            return true;
        }

        if (!No.Contains(key))
        {
            errors.Add($"{label}: \"{VietnameseText.Quote(value)}\" không rõ (dùng \"có\" hoặc \"không\").");
        }

        return false;
    }

    /// <summary>
    /// Reads CSV records (CsvHelper: RFC 4180 quoting, a comma or a semicolon as Excel writes it in Vietnamese
    /// locales, detected from the file) with the line each starts on, so a refusal names the line an officer sees.
    /// Blank lines are kept as records so that the numbering follows the file.
    /// </summary>
    private static IEnumerable<(int Line, List<string> Fields)> ReadRecords(TextReader reader)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";"],
            IgnoreBlankLines = false,
            BadDataFound = null, // a stray quote inside a field is kept as text, as a spreadsheet shows it
            MissingFieldFound = null,
        };
        using var parser = new CsvParser(reader, configuration, leaveOpen: true);
        var linesRead = 0;
        while (parser.Read())
        {
            var start = linesRead + 1;
            linesRead = parser.RawRow;
            var fields = parser.Record?.ToList() ?? [];
            if (start == 1 && fields.Count > 0)
            {
                fields[0] = fields[0].TrimStart('\uFEFF'); // a byte order mark the reader left in
            }

            yield return (start, fields);
        }
    }
}
