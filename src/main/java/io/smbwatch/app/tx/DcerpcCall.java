package io.smbwatch.app.tx;

import io.smbwatch.app.SmbMessage;
import io.smbwatch.proto.dcerpc.DcerpcRecords;
import java.util.List;

/**
 * One DCERPC call: its request PDU (a Request's last fragment, a Bind, an Alter Context, ...) and
 * its response PDU (Response, Fault, Bind Ack, ...), either null when not seen. The PDUs are the
 * DCERPC messages app/dcerpc cut from pipe data or a TCP stream; their fields (Wireshark's
 * dcerpc.* names and the arguments proto/dcerpc/DcerpcArgs decoded) are read here.
 * {@code requestStart} and {@code responseStart} are the PDUs that began the request and the
 * response (their first fragments; the PDUs themselves when they came whole): when the call
 * started and when its answer began.
 */
public record DcerpcCall(SmbMessage request, SmbMessage response, SmbMessage requestStart, SmbMessage responseStart)
        implements TxPayload {
    public DcerpcCall(SmbMessage request, SmbMessage response) {
        this(request, response, request, response);
    }

    /** PDU type of the request (DcerpcRecords.REQUEST, BIND, ...) or -1. */
    public int requestType() {
        return request == null ? -1 : request.command;
    }

    public int responseType() {
        return response == null ? -1 : response.command;
    }

    /** The PDU that opened the call or, without one, the answer. */
    public SmbMessage any() {
        return request != null ? request : response;
    }

    /** Request, Response or Fault: a call of an operation (not a Bind). */
    public boolean operationCall() {
        int t = any().command;
        return t == DcerpcRecords.REQUEST || t == DcerpcRecords.RESPONSE || t == DcerpcRecords.FAULT;
    }

    /** Bind or Alter Context (and their answers). */
    public boolean binding() {
        int t = any().command;
        return t == DcerpcRecords.BIND || t == DcerpcRecords.ALTER_CONTEXT;
    }

    public Long callId() {
        return first("dcerpc.cn_call_id");
    }

    public Long opnum() {
        return first("dcerpc.opnum");
    }

    /** The UUID of the interface bound under the request's context, and its version. */
    public String interfaceUuid() {
        return request == null ? null : request.fields.getString("dcerpc.interface");
    }

    public String interfaceVersion() {
        return request == null ? null : request.fields.getString("dcerpc.interface_version");
    }

    /** The interface's name (SAMR, LSARPC, ...), from the request or else the response. */
    public String interfaceName() {
        return firstString("dcerpc.interface_name");
    }

    /** The operation's name (dcerpc.op: "NetrShareEnum", ...). */
    public String operation() {
        return firstString("dcerpc.op");
    }

    /** Fragment count and stub size of the request or the response (null when absent). */
    public Long fragments(SmbMessage pdu) {
        return pdu == null ? null : pdu.fields.getLong("dcerpc.frag_cnt");
    }

    public Long stubSize(SmbMessage pdu) {
        return pdu == null ? null : pdu.fields.getLong("dcerpc.stub_size");
    }

    /** A Fault's status (dcerpc.cn_status), or null. */
    public Long faultStatus() {
        return response == null || response.command != DcerpcRecords.FAULT ? null
                : response.fields.getLong("dcerpc.cn_status");
    }

    /** A Bind's offered interfaces (UUID strings) and versions; the Bind Ack's results and reasons. */
    public List<Object> bindUuids() {
        return request == null ? List.of() : request.fields.all("dcerpc.cn_bind_to_uuid");
    }

    public List<Object> bindVersions() {
        return request == null ? List.of() : request.fields.all("dcerpc.cn_bind_if_version");
    }

    public List<Object> ackResults() {
        return response == null ? List.of() : response.fields.all("dcerpc.cn_ack_result");
    }

    public List<Object> ackReasons() {
        return response == null ? List.of() : response.fields.all("dcerpc.cn_ack_reason");
    }

    /** The request's whole stub, valid during the listener's call (the last fragment's message). */
    public byte[] requestStub() {
        return request == null ? null : request.stub;
    }

    public int requestStubLen() {
        return request == null || request.stub == null ? 0 : request.stubLen;
    }

    private Long first(String field) {
        Long v = request != null ? request.fields.getLong(field) : null;
        return v != null ? v : response != null ? response.fields.getLong(field) : null;
    }

    private String firstString(String field) {
        String v = request != null ? request.fields.getString(field) : null;
        return v != null ? v : response != null ? response.fields.getString(field) : null;
    }
}
