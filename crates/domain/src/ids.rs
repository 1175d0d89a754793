//! Typed ids: a `CipherId` can never be passed where a `FolderId` is expected.
//! Ids are UUIDs, parsed case-insensitively at the edge and printed lowercase with hyphens.

use std::fmt;
use std::str::FromStr;

macro_rules! uuid_id {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            #[must_use]
            pub fn new() -> Self {
                Self(uuid::Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }

        /// Rows store ids as text; this decodes them at the repository boundary.
        impl TryFrom<String> for $name {
            type Error = uuid::Error;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }
    )*};
}

uuid_id!(UserId, DeviceId, FolderId, CipherId);

// Organizations. A `MembershipId` is upstream's `OrganizationUser` id: one user's membership in
// one org (the id the member routes and events call `organizationUserId`).
uuid_id!(
    OrgId,
    MembershipId,
    CollectionId,
    GroupId,
    PolicyId,
    EventId,
    ProviderId
);

// Providers. A `ProviderUserId` is one user's membership in one provider (upstream
// `ProviderUser`); a `ProviderOrgId` is the link of a client org to its provider (upstream
// `ProviderOrganization`, the `{id}` of `/providers/{p}/organizations/{id}` and `/clients/{id}`).
uuid_id!(ProviderUserId, ProviderOrgId, ProviderApplicationId);

/// Attachment ids are not UUIDs upstream: 32 lowercase alphanumeric characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct AttachmentId(String);

impl AttachmentId {
    #[must_use]
    pub fn generate() -> Self {
        // 16 random bytes as 32 hex digits: lowercase alphanumeric, as the clients expect.
        Self(uuid::Uuid::new_v4().simple().to_string())
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AttachmentId {
    type Err = &'static str;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err("invalid attachment id")
        }
    }
}

impl fmt::Display for AttachmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_case_insensitively_and_print_lowercase() {
        let id: CipherId = "6F9619FF-8B86-D011-B42D-00C04FC964FF".parse().unwrap();
        assert_eq!(id.to_string(), "6f9619ff-8b86-d011-b42d-00c04fc964ff");
    }

    #[test]
    fn attachment_ids_are_lowercase_alphanumeric() {
        let id = AttachmentId::generate();
        assert_eq!(id.as_str().len(), 32);
        assert!(id.as_str().parse::<AttachmentId>().is_ok());
        assert!("ABC".parse::<AttachmentId>().is_err());
        assert!("../etc".parse::<AttachmentId>().is_err());
    }
}
