package dev.trellis.host.http;

/** The resources of {@code wasi:http/types}, each with what happens when the guest drops it. */
final class HttpResources {
  static final HttpResource<Fields> FIELDS = HttpResource.of("fields", Fields.class);
  static final HttpResource<IncomingRequest> INCOMING_REQUEST =
      HttpResource.of("incoming-request", IncomingRequest.class);
  static final HttpResource<OutgoingRequest> OUTGOING_REQUEST =
      HttpResource.of("outgoing-request", OutgoingRequest.class);
  static final HttpResource<RequestOptions> REQUEST_OPTIONS =
      HttpResource.of("request-options", RequestOptions.class);
  static final HttpResource<ResponseOutparam> RESPONSE_OUTPARAM =
      HttpResource.of("response-outparam", ResponseOutparam.class);
  static final HttpResource<IncomingResponse> INCOMING_RESPONSE =
      HttpResource.of("incoming-response", IncomingResponse.class, IncomingResponse::close);
  static final HttpResource<IncomingBody> INCOMING_BODY =
      HttpResource.of("incoming-body", IncomingBody.class, IncomingBody::close);
  static final HttpResource<FutureTrailers> FUTURE_TRAILERS =
      HttpResource.of("future-trailers", FutureTrailers.class, FutureTrailers::close);
  static final HttpResource<OutgoingResponse> OUTGOING_RESPONSE =
      HttpResource.of("outgoing-response", OutgoingResponse.class);
  static final HttpResource<OutgoingBody> OUTGOING_BODY =
      HttpResource.of("outgoing-body", OutgoingBody.class, OutgoingBody::dropped);
  static final HttpResource<FutureIncomingResponse> FUTURE_INCOMING_RESPONSE =
      HttpResource.of(
          "future-incoming-response", FutureIncomingResponse.class, FutureIncomingResponse::close);

  private HttpResources() {}
}
