-- The discounts actually applied to an order (Order.discountTotal: Shopify's totalDiscountsSet, the
-- `discount_total` of order files): 0 when it carried none, NULL when unknown (every order stored
-- before this migration, and sources that do not say). The retention report costs an offer by it and
-- assumes the offered percent was redeemed only where it is NULL. A nullable column without a default
-- rewrites no rows; the check is NOT VALID for the same reason (every existing row is NULL and passes).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS discount_total double precision;

ALTER TABLE orders
    ADD CONSTRAINT orders_discount_finite CHECK (
        discount_total IS NULL OR (discount_total >= 0 AND discount_total < 'Infinity')
    ) NOT VALID;
