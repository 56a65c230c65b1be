#!/bin/sh
# Makes throw-away TLS material for the loopback test servers in DIR:
#   ca.pem                      a test CA (give it to the client as its CA file)
#   server.pem server-key.pem   localhost + 127.0.0.1, signed by ca.pem
#   untrusted.pem untrusted-key.pem
#                               self-signed for the same names: not trusted by ca.pem
# EC P-256 keys keep this fast (well under a second).
set -eu
dir=${1:?usage: make-certs.sh DIR}
mkdir -p "$dir"
cd "$dir"

ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
san="subjectAltName=DNS:localhost,IP:127.0.0.1"

# shellcheck disable=SC2086
openssl req -x509 $ec -keyout ca-key.pem -out ca.pem -days 3650 \
  -subj "/CN=Mensajero Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# shellcheck disable=SC2086
openssl req $ec -keyout server-key.pem -out server.csr -subj "/CN=localhost" 2>/dev/null
cat > server.ext <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
$san
EXT
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial \
  -out server.pem -days 3650 -extfile server.ext 2>/dev/null

# shellcheck disable=SC2086
openssl req -x509 $ec -keyout untrusted-key.pem -out untrusted.pem -days 3650 \
  -subj "/CN=localhost" -addext "$san" 2>/dev/null

rm -f server.csr server.ext ca.srl
chmod 600 ./*-key.pem
