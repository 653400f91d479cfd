using DoiThoai.Domain.Contacts;

namespace DoiThoai.Domain.Tests;

public sealed class ContactTests
{
    [Theory]
    [InlineData("0912 345 678", "+84912345678")]
    [InlineData("+84 912-345-678", "+84912345678")]
    [InlineData("84912345678", "+84912345678")]
    [InlineData("0987.654.321", "+84987654321")]
    [InlineData("(+84) 32 123 4567", "+84321234567")]
    public void Vietnamese_mobile_numbers_are_normalised_to_E164(string typed, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(typed, out var e164, out var error), error);
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0912")]
    [InlineData("abc")]
    [InlineData("+1 202 555 0143")]
    [InlineData("0243 825 1234")] // a Hà Nội landline receives no SMS
    [InlineData("091234567890123456789012345678901234")]
    public void Numbers_that_cannot_receive_an_SMS_in_Vietnam_are_refused_with_a_reason(string typed)
    {
        Assert.False(PhoneNumber.TryNormalize(typed, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Numbers_and_addresses_are_masked_for_display_and_logs()
    {
        Assert.Equal("09xx xxx 678", PhoneNumber.Mask("+84912345678"));
        Assert.Equal("ng***@gmail.com", EmailAddress.Mask("nguyenvana@gmail.com"));
    }

    [Theory]
    [InlineData("NguyenVanA@Gmail.com", true)]
    [InlineData("a@b", false)]
    [InlineData("not an email", false)]
    [InlineData("a@@b.vn", false)]
    [InlineData("", false)]
    public void Email_addresses_are_checked_and_lower_cased(string typed, bool valid)
    {
        Assert.Equal(valid, EmailAddress.TryNormalize(typed, out var address, out _));
        if (valid)
        {
            Assert.Equal("nguyenvana@gmail.com", address);
        }
    }

    [Fact]
    public void A_file_with_Vietnamese_headers_is_imported_and_each_refused_row_says_why()
    {
        const string Csv = """
            Họ và tên;Vai trò;Chức danh;Thôn/Tổ dân phố;Số điện thoại;Email;Đồng ý SMS;Đồng ý email
            Nguyễn Văn An;Đại biểu;Bí thư chi bộ;Tổ dân phố 1;0912 345 678;an@example.vn;có;có
            "Trần Thị Bình";Người dân;;Tổ dân phố 2;0912345678;;có;
            Lê Văn Cường;Người dân;;Tổ dân phố 2;0243 825 1234;;có;
            Phạm Thị Dung;Trưởng thôn;"Tổ trưởng; kiêm bí thư";Tổ dân phố 3;;dung@example;;có
            ;Người dân;;Tổ dân phố 4;0987654321;;có;
            Hoàng Văn Em;Chủ tịch;;Tổ dân phố 4;0987654321;;có;
            Đỗ Thị Phương;Người dân;;Tổ dân phố 4;0987 654 321;;không;
            """;

        var import = ContactCsv.Parse(new StringReader(Csv), []);

        Assert.Equal(["Nguyễn Văn An", "Đỗ Thị Phương"], import.Accepted.Select(c => c.FullName));
        var an = import.Accepted[0];
        Assert.Equal((ContactRole.Delegate, "+84912345678", "an@example.vn", true, true), (an.Role, an.Phone, an.Email, an.SmsConsent, an.EmailConsent));
        Assert.False(import.Accepted[1].SmsConsent);

        var refused = import.Rows.Where(r => !r.Accepted).ToDictionary(r => r.Line, r => string.Join(" ", r.Errors));
        Assert.Contains("Trùng số điện thoại 09xx xxx 678: dòng 2", refused[3], StringComparison.Ordinal);
        Assert.Contains("không phải số di động", refused[4], StringComparison.Ordinal);
        Assert.Contains("email không hợp lệ", refused[5], StringComparison.Ordinal);
        Assert.Contains("Thiếu Họ và tên", refused[6], StringComparison.Ordinal);
        Assert.Contains("Vai trò \"Chủ tịch\" không hợp lệ", refused[7], StringComparison.Ordinal);
        Assert.Equal(5, import.RejectedCount);
    }

    [Fact]
    public void English_headers_commas_quotes_and_a_byte_order_mark_are_read_too()
    {
        const string Csv = "\uFEFFname,role,hamlet,phone,sms_consent\r\n\"Nguyễn, Văn \"\"Tư\"\"\",resident,Thôn Hòa Thọ,0912000111,yes\r\n";

        var import = ContactCsv.Parse(new StringReader(Csv), []);

        var contact = Assert.Single(import.Accepted);
        Assert.Equal(("Nguyễn, Văn \"Tư\"", "Thôn Hòa Thọ", true), (contact.FullName, contact.Hamlet, contact.SmsConsent));
    }

    [Fact]
    public void A_refused_line_is_named_by_the_line_the_officer_sees_across_quoted_line_breaks_and_blank_lines()
    {
        const string Csv = "Họ và tên,Thôn/Tổ dân phố,Số điện thoại\n\"Nguyễn Văn An\",\"Thôn 1\n(xóm Đông)\",0912 111 222\n\nLê Văn Bình,Thôn 2,0243 825 1234\n";

        var import = ContactCsv.Parse(new StringReader(Csv), []);

        Assert.Equal([2, 5], import.Rows.Select(r => r.Line));
        Assert.Contains("không phải số di động", string.Join(" ", import.Rows[1].Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_duplicating_the_existing_registry_are_refused()
    {
        var existing = new Contact("c-1", "Nguyễn Văn An", ContactRole.Resident, "Tổ 1", Phone: "+84912345678");

        var import = ContactCsv.Parse(new StringReader("Họ tên,Thôn,SĐT\nAn khác,Tổ 2,0912345678\n"), [existing]);

        Assert.Empty(import.Accepted);
        Assert.Contains("đã có trong danh sách (Nguyễn Văn An)", Assert.Single(import.Rows).Errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Họ tên,Số điện thoại\n")]
    [InlineData("Thôn,Email\n")]
    [InlineData("Họ tên,Thôn,Ngày sinh\n")]
    public void A_file_without_the_needed_columns_is_refused_as_a_whole(string csv)
    {
        var import = ContactCsv.Parse(new StringReader(csv), []);

        Assert.Empty(import.Accepted);
        Assert.False(Assert.Single(import.Rows).Accepted);
    }
}
