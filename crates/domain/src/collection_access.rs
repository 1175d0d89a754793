//! What a grant on a collection allows (upstream `CollectionAccessSelection`), and how several
//! grants of one member combine: per collection for `collectionDetails`, per item for sync.

use crate::numbered::numbered_enum;
use serde::{Deserialize, Serialize};

numbered_enum! {
    /// Upstream `CollectionType`.
    pub enum CollectionType {
        SharedCollection = 0,
        /// "My Items": created only by the server; never editable through the API.
        DefaultUserCollection = 1,
    }
}

/// One grant of a collection to a member or a group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CollectionAccess {
    pub read_only: bool,
    pub hide_passwords: bool,
    pub manage: bool,
}

/// The upstream text for a grant that mixes `manage` with a restriction.
pub const MANAGE_IS_EXCLUSIVE: &str = "The Manage property is mutually exclusive and cannot be \
    true while the ReadOnly or HidePasswords properties are also true.";

impl CollectionAccess {
    pub const MANAGE: Self = Self {
        read_only: false,
        hide_passwords: false,
        manage: true,
    };
    pub const EDIT: Self = Self {
        read_only: false,
        hide_passwords: false,
        manage: false,
    };
    pub const VIEW: Self = Self {
        read_only: true,
        hide_passwords: false,
        manage: false,
    };

    /// `manage` may not be combined with `readOnly` or `hidePasswords`.
    ///
    /// # Errors
    /// [`MANAGE_IS_EXCLUSIVE`] when it is.
    pub fn validate(self) -> Result<Self, &'static str> {
        if self.manage && (self.read_only || self.hide_passwords) {
            Err(MANAGE_IS_EXCLUSIVE)
        } else {
            Ok(self)
        }
    }

    /// The effective access over several grants of one collection, as `collectionDetails`
    /// reports it: restrictions hold only if every grant has them, `manage` if any grant has it.
    /// `None` when there is no grant.
    #[must_use]
    pub fn combine(grants: impl IntoIterator<Item = Self>) -> Option<Self> {
        grants.into_iter().reduce(|a, b| Self {
            read_only: a.read_only && b.read_only,
            hide_passwords: a.hide_passwords && b.hide_passwords,
            manage: a.manage || b.manage,
        })
    }

    /// The item-level rank upstream uses when an item is reachable through several grants: it
    /// keeps the one grant with the highest `manage`, then `edit`, then `viewPassword`
    /// (lexicographic, not a per-flag OR). Encoded as one integer so SQL can take a `MAX`.
    #[must_use]
    pub fn item_rank(self) -> i64 {
        i64::from(self.manage) * 4
            + i64::from(!self.read_only) * 2
            + i64::from(!self.hide_passwords)
    }

    /// The inverse of [`Self::item_rank`].
    #[must_use]
    pub fn from_item_rank(rank: i64) -> Self {
        Self {
            manage: rank & 4 != 0,
            read_only: rank & 2 == 0,
            hide_passwords: rank & 1 == 0,
        }
    }

    /// The per-item flags a member's client receives for an org item reached through this
    /// grant, given the org's `limitItemDeletion` setting.
    #[must_use]
    pub fn item_permissions(self, limit_item_deletion: bool) -> ItemPermissions {
        let edit = !self.read_only;
        let delete = self.manage || (edit && !limit_item_deletion);
        ItemPermissions {
            edit,
            view_password: !self.hide_passwords,
            manage: self.manage,
            delete,
            restore: delete,
        }
    }
}

/// What a member may do with one org item (`edit`, `viewPassword`, `permissions.delete`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // mirrors the flags of the wire object
pub struct ItemPermissions {
    pub edit: bool,
    pub view_password: bool,
    pub manage: bool,
    pub delete: bool,
    pub restore: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const HIDDEN_EDIT: CollectionAccess = CollectionAccess {
        read_only: false,
        hide_passwords: true,
        manage: false,
    };
    const HIDDEN_VIEW: CollectionAccess = CollectionAccess {
        read_only: true,
        hide_passwords: true,
        manage: false,
    };

    #[test]
    fn manage_excludes_restrictions() {
        assert!(CollectionAccess::MANAGE.validate().is_ok());
        assert!(HIDDEN_VIEW.validate().is_ok());
        let bad = CollectionAccess {
            read_only: true,
            manage: true,
            ..CollectionAccess::default()
        };
        assert_eq!(bad.validate(), Err(MANAGE_IS_EXCLUSIVE));
    }

    #[test]
    fn collection_grants_combine_and_and_or() {
        assert_eq!(CollectionAccess::combine([]), None);
        let c = CollectionAccess::combine([HIDDEN_VIEW, CollectionAccess::VIEW]).unwrap();
        assert_eq!(c, CollectionAccess::VIEW);
        let c = CollectionAccess::combine([HIDDEN_VIEW, CollectionAccess::MANAGE]).unwrap();
        assert!(c.manage && !c.read_only && !c.hide_passwords);
    }

    #[test]
    fn item_rank_is_lexicographic_manage_edit_view() {
        let all = [
            CollectionAccess::MANAGE,
            CollectionAccess::EDIT,
            HIDDEN_EDIT,
            CollectionAccess::VIEW,
            HIDDEN_VIEW,
        ];
        for a in all {
            assert_eq!(CollectionAccess::from_item_rank(a.item_rank()), a);
        }
        // Editable-but-hidden beats viewable-with-passwords: edit ranks above viewPassword.
        assert!(HIDDEN_EDIT.item_rank() > CollectionAccess::VIEW.item_rank());
        assert!(CollectionAccess::MANAGE.item_rank() > CollectionAccess::EDIT.item_rank());
    }

    #[test]
    fn item_deletion_follows_manage_or_edit_unless_limited() {
        let p = CollectionAccess::EDIT.item_permissions(false);
        assert!(p.edit && p.delete && p.restore && p.view_password && !p.manage);
        assert!(!CollectionAccess::EDIT.item_permissions(true).delete);
        assert!(CollectionAccess::MANAGE.item_permissions(true).delete);
        let v = HIDDEN_VIEW.item_permissions(false);
        assert!(!v.edit && !v.view_password && !v.delete);
    }
}
