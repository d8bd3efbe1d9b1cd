import Crypto
import Foundation
import Hummingbird

/// Serves our own CSS and images from memory, before any session or database work. Loaded once at start-up.
struct StaticAssetsMiddleware<Context: RequestContext>: RouterMiddleware {
    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
        let etag: String
    }

    static var prefix: String { "/static/" }
    let assets: [String: Asset]

    /// Reads every file of the module's `static` resource folder.
    static func load() throws -> Self {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("static") else { return Self(assets: [:]) }
        var assets: [String: Asset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let digest = SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
            assets[name] = Asset(bytes: ByteBuffer(bytes: data), contentType: contentType(for: name), etag: "\"\(digest)\"")
        }
        return Self(assets: assets)
    }

    static func contentType(for name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix(Self.prefix), request.method == .get || request.method == .head else {
            return try await next(request, context)
        }
        guard let asset = assets[String(path.dropFirst(Self.prefix.count))] else {
            return try await next(request, context)
        }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: "public, max-age=3600"]
        if request.headers[.ifNoneMatch] == asset.etag {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: request.method == .head ? ByteBuffer() : asset.bytes))
    }
}
