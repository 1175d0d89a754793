//! The role × action matrix, written out as tables so a reviewer can read every cell.

use super::*;
use crate::collection_access::CollectionAccess;

/// The roles of the matrix columns, in order.
const ROLE_NAMES: [&str; 15] = [
    "Owner",
    "Admin",
    "User",
    "Custom{}",
    "C:manageUsers",
    "C:manageGroups",
    "C:managePolicies",
    "C:accessEventLogs",
    "C:accessImportExport",
    "C:accessReports",
    "C:createNewCollections",
    "C:editAnyCollection",
    "C:deleteAnyCollection",
    "C:manageResetPassword",
    "Provider",
];

fn custom(set: impl Fn(&mut Permissions)) -> RoleSpec {
    let mut p = Permissions::default();
    set(&mut p);
    (OrgUserType::Custom, p)
}

type RoleSpec = (OrgUserType, Permissions);

fn member_roles() -> Vec<RoleSpec> {
    let none = Permissions::default();
    vec![
        (OrgUserType::Owner, none),
        (OrgUserType::Admin, none),
        (OrgUserType::User, none),
        (OrgUserType::Custom, none),
        custom(|p| p.manage_users = true),
        custom(|p| p.manage_groups = true),
        custom(|p| p.manage_policies = true),
        custom(|p| p.access_event_logs = true),
        custom(|p| p.access_import_export = true),
        custom(|p| p.access_reports = true),
        custom(|p| p.create_new_collections = true),
        custom(|p| p.edit_any_collection = true),
        custom(|p| p.delete_any_collection = true),
        custom(|p| p.manage_reset_password = true),
    ]
}

fn accesses(settings: OrgSettings) -> Vec<OrgAccess> {
    let org = OrgId::new();
    let mut v: Vec<OrgAccess> = member_roles()
        .into_iter()
        .map(|(user_type, permissions)| {
            let m = MemberFacts {
                id: MembershipId::new(),
                user_type,
                status: OrgUserStatus::Confirmed,
                permissions,
            };
            OrgAccess::for_member(org, &m, settings).unwrap()
        })
        .collect();
    v.push(
        OrgAccess::for_provider_user(
            org,
            ProviderId::new(),
            ProviderUserType::ProviderAdmin,
            ProviderUserStatus::Confirmed,
            settings,
        )
        .unwrap(),
    );
    v
}

/// Settings that keep the role columns sharp: collection creation limited to admins.
const STRICT: OrgSettings = OrgSettings {
    limit_collection_creation: true,
    limit_collection_deletion: false,
    limit_item_deletion: false,
    allow_admin_access_to_all_collection_items: false,
    managed_by_provider: false,
};

fn check_org_matrix(settings: OrgSettings, rows: &[(OrgAction, &str)]) {
    let acc = accesses(settings);
    for (action, row) in rows {
        let expected: Vec<bool> = row.split_whitespace().map(|c| c == "x").collect();
        assert_eq!(expected.len(), ROLE_NAMES.len(), "{action:?} row width");
        for ((a, want), name) in acc.iter().zip(expected).zip(ROLE_NAMES) {
            assert_eq!(a.can(*action), want, "{name} / {action:?}");
            assert_eq!(a.require(*action).is_ok(), want);
        }
    }
}

#[test]
fn role_by_action_matrix() {
    use OrgAction as A;
    // Columns, in ROLE_NAMES order: Owner, Admin, User, Custom without flags, Custom with
    // manageUsers, manageGroups, managePolicies, accessEventLogs, accessImportExport,
    // accessReports, createNewCollections, editAnyCollection, deleteAnyCollection,
    // manageResetPassword, then a provider user.
    let owner = "x . . . . . . . . . . . . . x";
    let rows: &[(OrgAction, &str)] = &[
        (A::ViewOrganization, owner),
        (A::EditOrganization, owner),
        (A::EditSubscription, owner),
        (A::ManageCollectionSettings, owner),
        (A::DeleteOrganization, owner),
        (A::ManageApiKey, owner),
        (A::ManageUsers, "x x . . x . . . . . . . . . x"),
        (A::ManageResetPassword, "x x . . . . . . . . . . . x x"),
        (A::ManageGroups, "x x . . . x . . . . . . . . x"),
        (A::ManagePolicies, "x x . . . . x . . . . . . . x"),
        (A::ManageSso, "x x . . . . . . . . . . . . x"),
        (A::ManageScim, "x x . . . . . . . . . . . . x"),
        (A::AccessEventLogs, "x x . . . . . x . . . . . . x"),
        (A::AccessImportExport, "x x . . . . . . x . . . . . x"),
        (A::AccessReports, "x x . . . . . . . x . . . . x"),
        (A::CreateCollection, "x x . . . . . . . . x . . . x"),
        (A::ReadAllCollections, "x x . . . x . . x . . x x . x"),
        (
            A::ReadAllCollectionsWithAccess,
            "x x . . x x . . . . . x x . x",
        ),
        (A::ListGroups, "x x . . x x . . . x x . . . x"),
        (A::ListAllCiphers, "x x . . . . . . x x . x . . x"),
        (A::ReadAnyCipher, "x x . . . . . . . . . x x . x"),
        (A::AdminCipherRoutes, "x x . . . . . . . . . x . . x"),
        (A::EditAllCiphers, ". . . . . . . . . . . x . . x"),
        (A::PurgeVault, "x x . . . . . . . . . x . . x"),
        (A::ViewMemberSummaries, "x x x x x x x x x x x x x x x"),
        (A::UseVault, "x x x x x x x x x x x x x x ."),
        (A::Leave, "x x x x x x x x x x x x x x ."),
    ];
    assert_eq!(rows.len(), OrgAction::ALL.len(), "every action has a row");
    check_org_matrix(STRICT, rows);
}

#[test]
fn org_settings_change_the_settings_dependent_cells() {
    use OrgAction as A;
    let open = OrgSettings {
        limit_collection_creation: false,
        allow_admin_access_to_all_collection_items: true,
        managed_by_provider: true,
        ..STRICT
    };
    check_org_matrix(
        open,
        &[
            (A::CreateCollection, "x x x x x x x x x x x x x x x"),
            (A::ListGroups, "x x x x x x x x x x x x x x x"),
            (A::EditAllCiphers, "x x . . . . . . . . . x . . x"),
            (A::EditSubscription, ". . . . . . . . . . . . . . x"),
            (A::DeleteOrganization, "x . . . . . . . . . . . . . x"),
        ],
    );
}

#[test]
fn only_confirmed_members_get_any_access() {
    let org = OrgId::new();
    for (user_type, permissions) in member_roles() {
        for status in [
            OrgUserStatus::Invited,
            OrgUserStatus::Accepted,
            OrgUserStatus::Revoked,
        ] {
            let m = MemberFacts {
                id: MembershipId::new(),
                user_type,
                status,
                permissions,
            };
            assert_eq!(
                OrgAccess::for_member(org, &m, STRICT),
                None,
                "{user_type:?} {status:?}"
            );
        }
    }
    for status in [ProviderUserStatus::Invited, ProviderUserStatus::Accepted] {
        let a = OrgAccess::for_provider_user(
            org,
            ProviderId::new(),
            ProviderUserType::ServiceUser,
            status,
            STRICT,
        );
        assert_eq!(a, None);
    }
}

#[test]
fn legacy_managers_and_service_users_map_onto_known_roles() {
    let org = OrgId::new();
    let manager = MemberFacts {
        id: MembershipId::new(),
        user_type: OrgUserType::Manager,
        status: OrgUserStatus::Confirmed,
        permissions: Permissions {
            manage_users: true,
            ..Permissions::default()
        },
    };
    let a = OrgAccess::for_member(org, &manager, STRICT).unwrap();
    assert_eq!(a.role, OrgRole::User);
    assert!(
        !a.can(OrgAction::ManageUsers),
        "permissions only count for Custom"
    );
    // Custom-style permissions stored on a non-Custom member are ignored too.
    let user = MemberFacts {
        user_type: OrgUserType::User,
        ..manager
    };
    assert!(!OrgAccess::for_member(org, &user, STRICT)
        .unwrap()
        .can(OrgAction::ManageUsers));

    let service = OrgAccess::for_provider_user(
        org,
        ProviderId::new(),
        ProviderUserType::ServiceUser,
        ProviderUserStatus::Confirmed,
        STRICT,
    )
    .unwrap();
    assert!(service.is_owner() && service.membership().is_none());
    let provider_admin = accesses(STRICT).pop().unwrap();
    for action in OrgAction::ALL {
        assert_eq!(
            service.can(action),
            provider_admin.can(action),
            "{action:?}"
        );
    }
}

/// Columns for the collection tables: a subset of the roles above.
const COLL_COLS: [usize; 9] = [0, 1, 2, 3, 4, 5, 11, 12, 14];

fn check_collection_matrix(settings: OrgSettings, facts: CollectionFacts, rows: [&str; 6]) {
    let acc = accesses(settings);
    for (action, row) in CollectionAction::ALL.iter().zip(rows) {
        let expected: Vec<bool> = row.split_whitespace().map(|c| c == "x").collect();
        assert_eq!(expected.len(), COLL_COLS.len());
        for (col, want) in COLL_COLS.iter().zip(expected) {
            assert_eq!(
                acc[*col].can_on_collection(*action, facts),
                want,
                "{} / {action:?} / {facts:?} / {settings:?}",
                ROLE_NAMES[*col]
            );
        }
    }
}

const MANAGED_ELSEWHERE: CollectionFacts = CollectionFacts {
    grant: None,
    unmanaged: false,
};

#[test]
fn collection_matrix_without_a_grant() {
    // Columns: Owner, Admin, User, Custom without flags, Custom manageUsers, manageGroups,
    // editAnyCollection, deleteAnyCollection, provider user.
    check_collection_matrix(
        STRICT,
        MANAGED_ELSEWHERE,
        [
            "x x . . . . x x x", // Read
            "x x . . x . x x x", // ReadWithAccess
            ". . . . . . x . x", // Update: admins need allowAdminAccessToAllCollectionItems
            ". . . . . . x . x", // ModifyUserAccess
            ". . . . . . x . x", // ModifyGroupAccess
            ". . . . . . . x x", // Delete
        ],
    );
    // A grant without manage changes nothing.
    let edit = CollectionFacts {
        grant: Some(CollectionAccess::EDIT),
        unmanaged: false,
    };
    check_collection_matrix(
        STRICT,
        edit,
        [
            "x x . . . . x x x",
            "x x . . x . x x x",
            ". . . . . . x . x",
            ". . . . . . x . x",
            ". . . . . . x . x",
            ". . . . . . . x x",
        ],
    );
}

#[test]
fn collection_matrix_with_manage() {
    let manage = CollectionFacts {
        grant: Some(CollectionAccess::MANAGE),
        unmanaged: false,
    };
    let all = "x x x x x x x x x";
    check_collection_matrix(STRICT, manage, [all, all, all, all, all, all]);
    // limitCollectionDeletion: managers who are not Owner/Admin may no longer delete.
    let limited = OrgSettings {
        limit_collection_deletion: true,
        ..STRICT
    };
    check_collection_matrix(
        limited,
        manage,
        [all, all, all, all, all, "x x . . . . . x x"],
    );
}

#[test]
fn collection_matrix_for_unmanaged_and_admin_access() {
    let unmanaged = CollectionFacts {
        grant: None,
        unmanaged: true,
    };
    check_collection_matrix(
        STRICT,
        unmanaged,
        [
            "x x . . . . x x x",
            "x x . . x . x x x",
            "x x . . . . x . x",
            "x x . . . . x . x",
            "x x . . . . x . x",
            "x x . . . . x x x",
        ],
    );
    let admin_all = OrgSettings {
        allow_admin_access_to_all_collection_items: true,
        ..STRICT
    };
    check_collection_matrix(
        admin_all,
        MANAGED_ELSEWHERE,
        [
            "x x . . . . x x x",
            "x x . . x . x x x",
            "x x . . . . x . x",
            "x x . . x . x . x",
            "x x . . . x x . x",
            "x x . . . . . x x",
        ],
    );
}

fn access_of(user_type: OrgUserType, permissions: Permissions) -> OrgAccess {
    let m = MemberFacts {
        id: MembershipId::new(),
        user_type,
        status: OrgUserStatus::Confirmed,
        permissions,
    };
    OrgAccess::for_member(OrgId::new(), &m, STRICT).unwrap()
}

#[test]
fn only_owners_touch_owners_and_custom_members_stay_below_admins() {
    let none = Permissions::default();
    let mu = Permissions {
        manage_users: true,
        ..none
    };
    let owner = access_of(OrgUserType::Owner, none);
    let admin = access_of(OrgUserType::Admin, none);
    let custom = access_of(OrgUserType::Custom, mu);
    let user = access_of(OrgUserType::User, none);

    assert_eq!(
        check_role_grant(&owner, Some(OrgUserType::Owner), OrgUserType::User, none),
        Ok(())
    );
    assert_eq!(
        check_role_grant(&admin, None, OrgUserType::Owner, none),
        Err("Only an Owner can configure another Owner's account.")
    );
    assert_eq!(
        check_role_grant(&admin, Some(OrgUserType::Owner), OrgUserType::Admin, none),
        Err("Only an Owner can configure another Owner's account.")
    );
    assert_eq!(
        check_role_grant(&admin, Some(OrgUserType::User), OrgUserType::Admin, none),
        Ok(())
    );
    assert_eq!(
        check_role_grant(&custom, None, OrgUserType::Admin, none),
        Err("Custom users can not manage Admins or Owners.")
    );
    assert_eq!(
        check_role_grant(&custom, Some(OrgUserType::Admin), OrgUserType::User, none),
        Err("Custom users can not manage Admins or Owners.")
    );
    assert_eq!(
        check_role_grant(&custom, None, OrgUserType::Custom, mu),
        Ok(())
    );
    let more = Permissions {
        manage_policies: true,
        ..none
    };
    assert_eq!(
        check_role_grant(&custom, None, OrgUserType::Custom, more),
        Err("Custom users can only grant the same custom permissions that they have.")
    );
    assert_eq!(
        check_role_grant(&user, None, OrgUserType::User, none),
        Err("Your account does not have permission to manage users.")
    );
}

#[test]
fn member_operations_follow_the_owner_and_admin_rules() {
    let none = Permissions::default();
    let mu = Permissions {
        manage_users: true,
        ..none
    };
    let owner = access_of(OrgUserType::Owner, none);
    let admin = access_of(OrgUserType::Admin, none);
    let custom = access_of(OrgUserType::Custom, mu);
    let other = MembershipId::new();
    for op in [MemberOp::Remove, MemberOp::Revoke, MemberOp::Restore] {
        assert!(check_member_op(&owner, op, other, OrgUserType::Owner).is_ok());
        assert!(check_member_op(&admin, op, other, OrgUserType::Owner).is_err());
        assert!(check_member_op(&admin, op, other, OrgUserType::Admin).is_ok());
        assert!(check_member_op(&custom, op, other, OrgUserType::Admin).is_err());
        assert!(check_member_op(&custom, op, other, OrgUserType::User).is_ok());
        let me = owner.membership().unwrap();
        assert!(check_member_op(&owner, op, me, OrgUserType::Owner)
            .unwrap_err()
            .ends_with("yourself."));
    }
    assert_eq!(
        check_member_op(&admin, MemberOp::Revoke, other, OrgUserType::Owner),
        Err("Only owners can revoke other owners.")
    );
    assert_eq!(
        check_member_op(&custom, MemberOp::Remove, other, OrgUserType::Admin),
        Err("Custom users can not remove admins.")
    );
}
