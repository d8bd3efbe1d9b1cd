import Foundation
@testable import IthacaWeb
import Testing

@Test func multipartFormsYieldTheirFieldsAndFiles() {
    let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrfToken\"\r\n\r\nabc123\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\nemail,name\r\na@b.c,Ann\r\n\r\n"
        + "--XyZ--\r\n"
    let boundary = MultipartForm.boundary(contentType: "multipart/form-data; boundary=XyZ")
    #expect(boundary == "XyZ")
    #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\"q\"") == "q")
    #expect(MultipartForm.boundary(contentType: "application/json") == nil)
    let form = MultipartForm(body: Array(body.utf8), boundary: "XyZ")
    #expect(form["csrfToken"] == "abc123")
    #expect(form.text("file") == "email,name\r\na@b.c,Ann\r\n")
    #expect(form["missing"] == nil)
}
