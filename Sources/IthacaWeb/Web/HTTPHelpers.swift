import Foundation
import Hummingbird
import IthacaDomain

extension Request {
    /// Reads a urlencoded form body (already collected by the CSRF check, so this is cheap).
    func form() async throws -> FormData {
        var request = self
        let buffer = try await request.collectBody(upTo: FormData.maximumSize)
        return FormData(body: String(buffer: buffer))
    }

    /// Reads a `multipart/form-data` body (file uploads), already collected by the CSRF check.
    func multipartForm() async throws -> MultipartForm {
        guard let boundary = MultipartForm.boundary(contentType: headers[.contentType]) else {
            throw IthacaError.badRequest("Send the form as multipart/form-data.")
        }
        var request = self
        let buffer = try await request.collectBody(upTo: MultipartForm.maximumSize)
        return MultipartForm(body: Array(buffer: buffer), boundary: boundary)
    }

    var userAgent: String { headers[.userAgent] ?? "" }
}

extension Response {
    /// An iCalendar document; with a file name, offered as a download.
    static func calendar(_ document: String, downloadAs filename: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8"]
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document)))
    }
}

extension AppRequestContext {
    /// The signed-in viewer; otherwise `.unauthenticated`, which pages turn into a redirect to sign in.
    func signedIn() throws -> Viewer {
        guard let viewer else { throw IthacaError.unauthenticated }
        return viewer
    }

    /// A path parameter that must be an id; anything else names nothing we have ("not found: `what`").
    func id(_ parameter: String, _ what: String) throws -> UUID {
        guard let id = parameters.get(parameter).flatMap(UUID.init(uuidString:)) else { throw IthacaError.notFound(what) }
        return id
    }
}

extension SessionCookies {
    /// 303 to `location` with a one-time message: how every successful form ends.
    func redirect(_ location: String, _ flash: Flash) -> Response {
        var response = Response.seeOther(location)
        response.setCookie(self.flash(flash))
        return response
    }
}

extension Response {
    /// 303 See Other, the right answer to a successful form POST.
    static func seeOther(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
