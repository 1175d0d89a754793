#!/usr/bin/env bash
# Prints the invitation token of one membership from a Bulwark server log. With no SMTP
# configured the server logs each invitation's link at info level (that is how an operator
# passes it on); scripts/test.sh gives this script to the shared acceptance check as
# BW_E2E_INVITE_TOKEN_CMD.
#
#   BULWARK_SERVER_LOG=server.log scripts/invite-token-from-log.sh ORG_ID MEMBER_ID EMAIL
set -euo pipefail
member="$2"
log="${BULWARK_SERVER_LOG:?set BULWARK_SERVER_LOG to the server log file}"
line="$(grep -F "organizationUserId=$member&" "$log" | tail -n 1)"
[ -n "$line" ] || { echo "no invitation link for $member in $log" >&2; exit 1; }
raw="$(printf '%s' "$line" | sed -n 's/.*[?&]token=\([^&" ]*\).*/\1/p')"
python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote_plus(sys.argv[1]))' "$raw"
