//! `GET /api/plans` (anonymous): the plans an organization can be created on.

use axum::Json;
use bulwark_domain::plan::{Plan, CATALOGUE};
use serde_json::{json, Value};

fn password_manager(p: &Plan) -> Value {
    json!({
        "basePrice": 0,
        "seatPrice": p.seat_price,
        "allowSeatAutoscale": false,
        "hasAdditionalSeatsOption": p.has_additional_seats_option,
        "maxAdditionalSeats": null,
        "baseSeats": p.base_seats,
        "hasPremiumAccessOption": false,
        "maxSeats": p.max_seats,
        "baseStorageGb": p.base_storage_gb,
        "hasAdditionalStorageOption": p.has_additional_storage_option,
        "additionalStoragePricePerGb": 0,
        "maxAdditionalStorage": null,
        "maxCollections": p.max_collections,
    })
}

fn plan(p: &Plan) -> Value {
    let f = p.features;
    let free = p.seat_price == 0;
    let mut v = json!({
        "object": "plan",
        "type": p.plan_type.number(),
        "productTier": p.product_tier().number(),
        "name": p.name,
        "isAnnual": p.is_annual,
        "nameLocalizationKey": if free { "planNameFree" } else { "" },
        "descriptionLocalizationKey": if free { "planDescFree" } else { "" },
        "canBeUsedByBusiness": !free,
        "trialPeriodDays": p.trial_period_days,
        "hasSelfHost": f.self_host,
        "hasPolicies": f.use_policies,
        "hasGroups": f.use_groups,
        "hasDirectory": f.use_directory,
        "hasEvents": f.use_events,
        "hasTotp": f.use_totp,
        "has2fa": f.use_2fa,
        "hasApi": f.use_api,
        "hasSso": f.use_sso,
        "hasOrganizationDomains": f.use_organization_domains,
        "hasResetPassword": f.use_reset_password,
        "usersGetPremium": f.users_get_premium,
        "hasMyItems": f.use_my_items,
        "hasInviteLinks": f.use_invite_links,
        "upgradeSortOrder": if free { -1 } else { p.product_tier().number() },
        "displaySortOrder": if free { -1 } else { p.product_tier().number() },
        "legacyYear": null,
        "disabled": false,
        "secretsManager": null,
    });
    v["passwordManager"] = password_manager(p);
    v
}

pub async fn list() -> Json<Value> {
    let data: Vec<Value> = CATALOGUE.iter().map(plan).collect();
    Json(json!({ "object": "list", "data": data, "continuationToken": null }))
}
