#!/usr/bin/env python3
# Independent check of the vectors, written from docs/CRYPTO.md with the Python "cryptography" package: python3 test-vectors/check_vectors.py
import json, hashlib, base64, unicodedata, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives import hashes
import os
D=os.path.dirname(os.path.abspath(__file__))+'/'
def hkdf(ikm, salt, info): return HKDF(hashes.SHA256(),32,salt if salt else None,info.encode()).derive(ikm)
def b64d(s): return base64.urlsafe_b64decode(s+'='*(-len(s)%4))
def b64e(b): return base64.urlsafe_b64encode(b).decode().rstrip('=')
H=bytes.fromhex
def seal(ck, fid, cid, C, salt, prefix, pt):
    key=hkdf(ck, salt, f"coffer/v1/stream|{fid}|{cid}"); P=C-16
    n=max(1,-(-len(pt)//P)); out=b'COFS\x01'+C.to_bytes(4,'big')+salt+prefix
    for i in range(n):
        out+=AESGCM(key).encrypt(prefix+i.to_bytes(4,'big')+bytes([1 if i==n-1 else 0]), pt[i*P:(i+1)*P], None)
    return out, key
s=json.load(open(D+'stream.json'))
byname={}
for c in s['cases']:
    ct,key=seal(H(c['contentKey']),c['fileId'],c['contentId'],c['segmentSize'],H(c['salt']),H(c['noncePrefix']),H(c['plaintext']))
    assert ct.hex()==c['ciphertext'] and key.hex()==c['segmentKey'] and len(ct)==c['ciphertextLength'], c['name']
    byname[c['name']]=c
for r in s['ranges']:
    c=byname[r['stream']]; assert H(c['plaintext'])[r['plaintextStart']:r['plaintextEnd']].hex()==r['plaintext']
for r in s['ciphertextRanges']:
    c=byname[r['stream']]; assert H(c['ciphertext'])[r['ciphertextStart']:r['ciphertextEnd']].hex()==r['ciphertext']
b=json.load(open(D+'boxes.json'))
for c in b['cases']:
    pk=H(c['parentKey']); bk=pk if c['boxKeyInfo'] is None else hkdf(pk,b'',c['boxKeyInfo'])
    assert bk.hex()==c['boxKey']
    box=b'\x01'+H(c['nonce'])+AESGCM(bk).encrypt(H(c['nonce']),H(c['plaintext']),c['label'].encode())
    assert b64e(box)==c['box'] and box.hex()==c['boxHex'], c['name']
    if 'plaintextText' in c: assert c['plaintextText'].encode()==H(c['plaintext'])
    if c['use']=='metadata':
        j=json.loads(c['plaintextText']); assert json.dumps(j,ensure_ascii=False,separators=(',',':'))==c['plaintextText'], c['name']
a=json.load(open(D+'account.json'))
for c in a['cases']:
    pw=unicodedata.normalize('NFC',c['password']).encode(); assert pw.hex()==c['passwordNfcUtf8']
    mk=hashlib.pbkdf2_hmac('sha256',pw,b64d(c['kdf']['salt']),c['kdf']['iterations'],32)
    assert mk.hex()==c['masterKey']
    ak=hkdf(mk,b'','coffer/v1/auth-key'); ek=hkdf(mk,b'','coffer/v1/encryption-key')
    assert ak.hex()==c['authKey'] and b64e(ak)==c['authKeyBase64Url'] and ek.hex()==c['encryptionKey']
    box=b'\x01'+H(c['nonce'])+AESGCM(ek).encrypt(H(c['nonce']),H(c['accountKey']),b'coffer/v1/wrap/account-key')
    assert b64e(box)==c['wrappedAccountKey']
l=json.load(open(D+'link.json'))
for c in l['cases']:
    S=H(c['secret']); lid=c['linkId']
    wk=hkdf(S,lid.encode(),'coffer/v1/link/wrap-key'); tk=hkdf(S,lid.encode(),'coffer/v1/link/auth-token')
    assert wk.hex()==c['wrapKey'] and tk.hex()==c['authToken'] and hashlib.sha256(tk).hexdigest()==c['authTokenSha256'] and b64e(tk)==c['authTokenBase64Url']
    assert c['url']==c['baseAddress']+'/l/'+lid+'#'+b64e(S) and b64e(S)==c['secretBase64Url']
    assert c['fileKeyLabel']==f"coffer/v1/wrap/file-key/link|{lid}|{c['fileId']}"
    box=b'\x01'+H(c['nonce'])+AESGCM(wk).encrypt(H(c['nonce']),H(c['fileKey']),c['fileKeyLabel'].encode())
    assert b64e(box)==c['wrappedFileKey']
L=json.load(open(D+'lengths.json'))
for r in L['valid']:
    C=r['segmentSize'];P=C-16;n=max(1,-(-r['plaintextLength']//P)); assert n==r['segmentCount'] and 48+r['plaintextLength']+16*n==r['ciphertextLength']
def opn(ck,fid,cid,ct):
    C=int.from_bytes(ct[5:9],'big'); key=hkdf(ck,ct[9:41],f"coffer/v1/stream|{fid}|{cid}"); pre=ct[41:48]; body=ct[48:]
    segs=[body[i:i+C] for i in range(0,len(body),C)] or [b'']
    out=b''
    for i,sg in enumerate(segs):
        out+=AESGCM(key).decrypt(pre+i.to_bytes(4,'big')+bytes([1 if i==len(segs)-1 else 0]),sg,None)
    return out
for f in ['interop/cs-sealed.json']:
    for x in json.load(open(D+f))['fixtures']:
        pt=opn(H(x['contentKey']),x['fileId'],x['contentId'],b64d(x['ciphertext']))
        assert hashlib.sha256(pt).hexdigest()==x['plaintextSha256'] and len(pt)==x['plaintextLength']
        assert pt==bytes(((31*i+7)&255) for i in range(len(pt)))
print("python cross-check OK")
